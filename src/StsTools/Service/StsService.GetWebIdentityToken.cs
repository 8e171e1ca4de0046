using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using StsTools.Connection;
using StsTools.Model;
using StsTools.Requests;
using StsTools.Validation;
using Sdk = Amazon.SecurityToken.Model;

namespace StsTools.Service;

public sealed partial class StsService
{
    /// <summary>GetWebIdentityToken: a signed JWT of the caller's identity for an external OIDC relying party.</summary>
    public Task<GetWebIdentityTokenResponse> GetWebIdentityTokenAsync(GetWebIdentityTokenRequest request, ConnectionOptions connection, IStsLog? log = null, CancellationToken cancellationToken = default)
    {
        StsInputValidator.ValidateGetWebIdentityToken(request);
        var sdkRequest = new Sdk.GetWebIdentityTokenRequest
        {
            Audience = request.Audience.ToList(),
            SigningAlgorithm = request.SigningAlgorithm,
            DurationSeconds = request.DurationSeconds,
            Tags = RequestMapper.Tags(request.Tags),
        };
        log?.Verbose($"Getting a {request.SigningAlgorithm} web identity token for {string.Join(", ", request.Audience)}.");
        return CallAsync("GetWebIdentityToken", string.Join(",", request.Audience), connection, log, true,
            (client, ct) => client.GetWebIdentityTokenAsync(sdkRequest, ct),
            r => new GetWebIdentityTokenResponse
            {
                WebIdentityToken = r.WebIdentityToken ?? string.Empty,
                Expiration = ResponseMapper.Utc(r.Expiration),
                ResponseMetadata = ResponseMapper.Metadata(r),
            }, cancellationToken);
    }
}
