using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using StsTools.Connection;
using StsTools.Input;
using StsTools.Model;
using StsTools.Requests;
using StsTools.Validation;
using Sdk = Amazon.SecurityToken.Model;

namespace StsTools.Service;

public sealed partial class StsService
{
    /// <summary>AssumeRoot: a short privileged root session in a member account, for one root task.</summary>
    public Task<AssumeRootResponse> AssumeRootAsync(AssumeRootRequest request, ConnectionOptions connection, IStsLog? log = null, CancellationToken cancellationToken = default)
    {
        if (request is null) throw new System.ArgumentNullException(nameof(request));
        var taskPolicy = RootTaskPolicies.Expand(request.TaskPolicyArn?.arn ?? string.Empty, connection?.Region);
        var expanded = new AssumeRootRequest { TargetPrincipal = request.TargetPrincipal, TaskPolicyArn = new PolicyDescriptorType(taskPolicy), DurationSeconds = request.DurationSeconds };
        StsInputValidator.ValidateAssumeRoot(expanded);
        var sdkRequest = new Sdk.AssumeRootRequest
        {
            TargetPrincipal = expanded.TargetPrincipal,
            TaskPolicyArn = RequestMapper.Policy(taskPolicy),
            DurationSeconds = expanded.DurationSeconds,
        };
        log?.Verbose($"Assuming root in {expanded.TargetPrincipal} for task policy {taskPolicy}.");
        return CallAsync("AssumeRoot", expanded.TargetPrincipal, connection!, log, true,
            (client, ct) => client.AssumeRootAsync(sdkRequest, ct),
            r => new AssumeRootResponse
            {
                Credentials = ResponseMapper.Map(r.Credentials),
                SourceIdentity = r.SourceIdentity,
                ResponseMetadata = ResponseMapper.Metadata(r),
            }, cancellationToken);
    }

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

    /// <summary>GetAccessKeyInfo: the account that owns an access key id.</summary>
    public Task<GetAccessKeyInfoResponse> GetAccessKeyInfoAsync(string accessKeyId, ConnectionOptions connection, IStsLog? log = null, CancellationToken cancellationToken = default)
    {
        StsInputValidator.AccessKeyId(accessKeyId);
        return CallAsync("GetAccessKeyInfo", accessKeyId, connection, log, true,
            (client, ct) => client.GetAccessKeyInfoAsync(new Sdk.GetAccessKeyInfoRequest { AccessKeyId = accessKeyId }, ct),
            r => new GetAccessKeyInfoResponse { Account = r.Account ?? string.Empty, ResponseMetadata = ResponseMapper.Metadata(r) },
            cancellationToken);
    }

    /// <summary>DecodeAuthorizationMessage: the details behind an "encoded authorization failure message".</summary>
    public Task<DecodeAuthorizationMessageResponse> DecodeAuthorizationMessageAsync(string encodedMessage, ConnectionOptions connection, IStsLog? log = null, CancellationToken cancellationToken = default)
    {
        StsInputValidator.EncodedMessage(encodedMessage);
        return CallAsync("DecodeAuthorizationMessage", "EncodedMessage", connection, log, true,
            (client, ct) => client.DecodeAuthorizationMessageAsync(new Sdk.DecodeAuthorizationMessageRequest { EncodedMessage = encodedMessage.Trim() }, ct),
            r => new DecodeAuthorizationMessageResponse { DecodedMessage = r.DecodedMessage ?? string.Empty, ResponseMetadata = ResponseMapper.Metadata(r) },
            cancellationToken);
    }
}
