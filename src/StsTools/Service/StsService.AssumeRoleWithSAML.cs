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
}
