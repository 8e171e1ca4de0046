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
    /// <summary>AssumeRoleWithSAML: role credentials for a SAML assertion. An unsigned call: no source credentials are used.</summary>
    public Task<AssumeRoleWithSAMLResponse> AssumeRoleWithSamlAsync(AssumeRoleWithSAMLRequest request, ConnectionOptions connection, IStsLog? log = null, CancellationToken cancellationToken = default)
    {
        if (request is null) throw new System.ArgumentNullException(nameof(request));
        var assertion = SamlAssertions.Normalize(request.SAMLAssertion ?? string.Empty);
        var normalized = new AssumeRoleWithSAMLRequest
        {
            RoleArn = request.RoleArn, PrincipalArn = request.PrincipalArn, SAMLAssertion = assertion,
            PolicyArns = request.PolicyArns, Policy = request.Policy, DurationSeconds = request.DurationSeconds,
        };
        StsInputValidator.ValidateAssumeRoleWithSaml(normalized);
        var sdkRequest = new Sdk.AssumeRoleWithSAMLRequest
        {
            RoleArn = normalized.RoleArn,
            PrincipalArn = normalized.PrincipalArn,
            SAMLAssertion = assertion,
            Policy = normalized.Policy,
            DurationSeconds = normalized.DurationSeconds,
            PolicyArns = RequestMapper.Policies(normalized.PolicyArns),
        };
        log?.Verbose($"Assuming role {normalized.RoleArn} with a SAML assertion from {normalized.PrincipalArn}.");
#pragma warning disable CS0618 // PackedPolicySize is deprecated in the SDK, yet part of the STS response shape we mirror
        return CallAsync("AssumeRoleWithSAML", normalized.RoleArn, connection, log, false,
            (client, ct) => client.AssumeRoleWithSAMLAsync(sdkRequest, ct),
            r => new AssumeRoleWithSAMLResponse
            {
                Credentials = ResponseMapper.Map(r.Credentials),
                AssumedRoleUser = ResponseMapper.Map(r.AssumedRoleUser),
                PackedPolicySize = r.PackedPolicySize ?? 0,
                Subject = r.Subject,
                SubjectType = r.SubjectType,
                Issuer = r.Issuer,
                Audience = r.Audience,
                NameQualifier = r.NameQualifier,
                SourceIdentity = r.SourceIdentity,
                ResponseMetadata = ResponseMapper.Metadata(r),
            }, cancellationToken);
#pragma warning restore CS0618
    }

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
#pragma warning disable CS0618 // see above
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

    /// <summary>GetFederationToken: credentials for a federated user of the calling IAM user.</summary>
    public Task<GetFederationTokenResponse> GetFederationTokenAsync(GetFederationTokenRequest request, ConnectionOptions connection, IStsLog? log = null, CancellationToken cancellationToken = default)
    {
        StsInputValidator.ValidateGetFederationToken(request);
        var sdkRequest = new Sdk.GetFederationTokenRequest
        {
            Name = request.Name,
            Policy = request.Policy,
            DurationSeconds = request.DurationSeconds,
            PolicyArns = RequestMapper.Policies(request.PolicyArns),
            Tags = RequestMapper.Tags(request.Tags),
        };
        log?.Verbose($"Getting a federation token for '{request.Name}'.");
#pragma warning disable CS0618 // see above
        return CallAsync("GetFederationToken", request.Name, connection, log, true,
            (client, ct) => client.GetFederationTokenAsync(sdkRequest, ct),
            r => new GetFederationTokenResponse
            {
                Credentials = ResponseMapper.Map(r.Credentials),
                FederatedUser = new FederatedUser { FederatedUserId = r.FederatedUser?.FederatedUserId ?? string.Empty, Arn = r.FederatedUser?.Arn ?? string.Empty },
                PackedPolicySize = r.PackedPolicySize ?? 0,
                ResponseMetadata = ResponseMapper.Metadata(r),
            }, cancellationToken);
#pragma warning restore CS0618
    }
}
