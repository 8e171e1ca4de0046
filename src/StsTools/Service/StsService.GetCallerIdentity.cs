using System.Threading;
using System.Threading.Tasks;
using StsTools.Connection;
using StsTools.Model;
using Sdk = Amazon.SecurityToken.Model;

namespace StsTools.Service;

public sealed partial class StsService
{
    /// <summary>GetCallerIdentity: who the source credentials belong to.</summary>
    public Task<GetCallerIdentityResponse> GetCallerIdentityAsync(ConnectionOptions connection, IStsLog? log = null, CancellationToken cancellationToken = default) =>
        CallAsync("GetCallerIdentity", null, connection, log, true,
            (client, ct) => client.GetCallerIdentityAsync(new Sdk.GetCallerIdentityRequest(), ct),
            r => new GetCallerIdentityResponse
            {
                UserId = r.UserId ?? string.Empty,
                Account = r.Account ?? string.Empty,
                Arn = r.Arn ?? string.Empty,
                ResponseMetadata = ResponseMapper.Metadata(r),
            }, cancellationToken);
}
