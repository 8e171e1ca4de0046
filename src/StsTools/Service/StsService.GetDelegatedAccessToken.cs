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
    /// <summary>GetDelegatedAccessToken: trades a trade-in token for credentials of the assumed principal.</summary>
    public Task<GetDelegatedAccessTokenResponse> GetDelegatedAccessTokenAsync(GetDelegatedAccessTokenRequest request, ConnectionOptions connection, IStsLog? log = null, CancellationToken cancellationToken = default)
    {
        if (request is null) throw new System.ArgumentNullException(nameof(request));
        StsInputValidator.TradeInToken(request.TradeInToken);
        var sdkRequest = new Sdk.GetDelegatedAccessTokenRequest { TradeInToken = request.TradeInToken };
        log?.Verbose("Exchanging a trade-in token for delegated credentials.");
        return CallAsync("GetDelegatedAccessToken", "TradeInToken", connection, log, true,
            (client, ct) => client.GetDelegatedAccessTokenAsync(sdkRequest, ct),
            r => new GetDelegatedAccessTokenResponse
            {
                Credentials = ResponseMapper.Map(r.Credentials),
#pragma warning disable CS0618 // deprecated in the SDK (STS leaves it empty), yet part of the response shape we mirror
                PackedPolicySize = r.PackedPolicySize ?? 0,
#pragma warning restore CS0618
                AssumedPrincipal = r.AssumedPrincipal ?? string.Empty,
                ResponseMetadata = ResponseMapper.Metadata(r),
            }, cancellationToken);
    }
}
