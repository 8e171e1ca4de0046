using System.Threading;
using System.Threading.Tasks;
using StsTools.Caching;
using StsTools.Connection;
using StsTools.Model;
using StsTools.Requests;
using StsTools.Validation;
using Sdk = Amazon.SecurityToken.Model;

namespace StsTools.Service;

public sealed partial class StsService
{
    /// <summary>GetSessionToken: temporary credentials for the calling IAM user, optionally MFA-authenticated.</summary>
    /// <remarks>
    /// Cached like boto did, per (region, endpoint, source access key), and per MFA serial so an
    /// MFA session is never served for a plain one or the other way round.
    /// </remarks>
    public Task<GetSessionTokenResponse> GetSessionTokenAsync(GetSessionTokenRequest request, ConnectionOptions connection, IStsLog? log = null, CancellationToken cancellationToken = default, bool forceRefresh = false) =>
        GetSessionTokenCoreAsync(request, connection, log, cancellationToken, forceRefresh, mustLastRequestedDuration: true);

    // mustLastRequestedDuration false: the MFA session of role profiles, asked for with its full
    // length, serves as long as any of it is left (else every call after the first would need a code).
    private Task<GetSessionTokenResponse> GetSessionTokenCoreAsync(GetSessionTokenRequest request, ConnectionOptions connection, IStsLog? log, CancellationToken cancellationToken, bool forceRefresh, bool mustLastRequestedDuration)
    {
        StsInputValidator.ValidateGetSessionToken(request);
        var sdkRequest = new Sdk.GetSessionTokenRequest
        {
            DurationSeconds = request.DurationSeconds,
            SerialNumber = request.SerialNumber,
            TokenCode = request.TokenCode,
        };
        return CachedCallAsync(new CachedCall<Sdk.GetSessionTokenResponse, GetSessionTokenResponse>("GetSessionToken", request.SerialNumber, RequestKey.Of(request, KeyExcludes),
            (client, ct) => client.GetSessionTokenAsync(sdkRequest, ct),
            r => new GetSessionTokenResponse
            {
                Credentials = ResponseMapper.Map(r.Credentials),
                ResponseMetadata = ResponseMapper.Metadata(r),
            })
        {
            ForceRefresh = forceRefresh,
            BeforeFetch = () => StsInputValidator.MfaPair(request.SerialNumber, request.TokenCode),
            Accept = cached => !mustLastRequestedDuration || LastsFor(cached, request.DurationSeconds),
        }, connection, log, cancellationToken);
    }
}
