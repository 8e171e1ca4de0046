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
    /// <summary>
    /// AssumeRoleWithWebIdentity: role credentials for an OIDC token. Missing inputs come from
    /// AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE (or <paramref name="webIdentityTokenFile"/>) and
    /// AWS_ROLE_SESSION_NAME. An unsigned call: no source credentials are used.
    /// </summary>
    public Task<AssumeRoleWithWebIdentityResponse> AssumeRoleWithWebIdentityAsync(AssumeRoleWithWebIdentityRequest request, ConnectionOptions connection, string? webIdentityTokenFile = null, IStsLog? log = null, CancellationToken cancellationToken = default)
    {
        var complete = WebIdentityDefaults.Complete(request, webIdentityTokenFile, Environment);
        StsInputValidator.ValidateAssumeRoleWithWebIdentity(complete);
        var sdkRequest = new Sdk.AssumeRoleWithWebIdentityRequest
        {
            RoleArn = complete.RoleArn,
            RoleSessionName = complete.RoleSessionName,
            WebIdentityToken = complete.WebIdentityToken,
            ProviderId = complete.ProviderId,
            Policy = complete.Policy,
            DurationSeconds = complete.DurationSeconds,
            PolicyArns = RequestMapper.Policies(complete.PolicyArns),
        };
        log?.Verbose($"Assuming role {complete.RoleArn} as session '{complete.RoleSessionName}' with a web identity token.");
#pragma warning disable CS0618 // PackedPolicySize is deprecated in the SDK, yet part of the STS response shape we mirror
        return CallAsync("AssumeRoleWithWebIdentity", complete.RoleArn, connection, log, false,
            (client, ct) => client.AssumeRoleWithWebIdentityAsync(sdkRequest, ct),
            r => new AssumeRoleWithWebIdentityResponse
            {
                Credentials = ResponseMapper.Map(r.Credentials),
                SubjectFromWebIdentityToken = r.SubjectFromWebIdentityToken,
                AssumedRoleUser = ResponseMapper.Map(r.AssumedRoleUser),
                PackedPolicySize = r.PackedPolicySize ?? 0,
                Provider = r.Provider,
                Audience = r.Audience,
                SourceIdentity = r.SourceIdentity,
                ResponseMetadata = ResponseMapper.Metadata(r),
            }, cancellationToken);
#pragma warning restore CS0618
    }
}
