using System.Threading;
using System.Threading.Tasks;
using StsTools.Connection;
using StsTools.Model;
using StsTools.Validation;
using Sdk = Amazon.SecurityToken.Model;

namespace StsTools.Service;

public sealed partial class StsService
{
    /// <summary>GetAccessKeyInfo: the account that owns an access key id.</summary>
    public Task<GetAccessKeyInfoResponse> GetAccessKeyInfoAsync(string accessKeyId, ConnectionOptions connection, IStsLog? log = null, CancellationToken cancellationToken = default)
    {
        StsInputValidator.AccessKeyId(accessKeyId);
        return CallAsync("GetAccessKeyInfo", accessKeyId, connection, log, true,
            (client, ct) => client.GetAccessKeyInfoAsync(new Sdk.GetAccessKeyInfoRequest { AccessKeyId = accessKeyId }, ct),
            r => new GetAccessKeyInfoResponse { Account = r.Account ?? string.Empty, ResponseMetadata = ResponseMapper.Metadata(r) },
            cancellationToken);
    }
}
