using System.Collections.Generic;
using StsTools.Model;

namespace StsTools.Requests;

/// <summary>The inputs of AssumeRoleWithSAML, one member per field of <c>AssumeRoleWithSAMLRequestTypeDef</c>.</summary>
public sealed class AssumeRoleWithSAMLRequest
{
    /// <summary>The ARN of the role to assume.</summary>
    public string RoleArn { get; set; } = string.Empty;

    /// <summary>The ARN of the IAM SAML provider that describes the IdP.</summary>
    public string PrincipalArn { get; set; } = string.Empty;

    /// <summary>The base64-encoded SAML authentication response from the IdP.</summary>
    public string SAMLAssertion { get; set; } = string.Empty;

    /// <summary>Managed session policies (at most 10).</summary>
    public IList<PolicyDescriptorType> PolicyArns { get; set; } = new List<PolicyDescriptorType>();

    /// <summary>An inline session policy as JSON.</summary>
    public string? Policy { get; set; }

    /// <summary>Session duration, 900 to 43200 seconds.</summary>
    public int? DurationSeconds { get; set; }
}
