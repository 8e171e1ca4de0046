using System.Collections.Generic;
using StsTools.Model;

namespace StsTools.Requests;

/// <summary>The inputs of AssumeRoleWithWebIdentity, one member per field of <c>AssumeRoleWithWebIdentityRequestTypeDef</c>.</summary>
public sealed class AssumeRoleWithWebIdentityRequest
{
    /// <summary>The ARN of the role to assume; from AWS_ROLE_ARN when null.</summary>
    public string? RoleArn { get; set; }

    /// <summary>The session name; from AWS_ROLE_SESSION_NAME, else a generated default, when null.</summary>
    public string? RoleSessionName { get; set; }

    /// <summary>The OIDC or OAuth 2.0 token; read from AWS_WEB_IDENTITY_TOKEN_FILE when null.</summary>
    public string? WebIdentityToken { get; set; }

    /// <summary>The OAuth 2.0 provider (only for Login with Amazon, Facebook and the like).</summary>
    public string? ProviderId { get; set; }

    /// <summary>Managed session policies (at most 10).</summary>
    public IList<PolicyDescriptorType> PolicyArns { get; set; } = new List<PolicyDescriptorType>();

    /// <summary>An inline session policy as JSON.</summary>
    public string? Policy { get; set; }

    /// <summary>Session duration, 900 to 43200 seconds.</summary>
    public int? DurationSeconds { get; set; }
}
