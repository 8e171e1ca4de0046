using System.Collections.Generic;
using StsTools.Model;

namespace StsTools.Requests;

/// <summary>The inputs of AssumeRole, one member per field of <c>AssumeRoleRequestTypeDef</c>.</summary>
public sealed class AssumeRoleRequest
{
    /// <summary>The ARN of the role to assume.</summary>
    public string RoleArn { get; set; } = string.Empty;

    /// <summary>The session name; when null the engine generates a stable, valid default.</summary>
    public string? RoleSessionName { get; set; }

    /// <summary>Managed session policies (at most 10).</summary>
    public IList<PolicyDescriptorType> PolicyArns { get; set; } = new List<PolicyDescriptorType>();

    /// <summary>An inline session policy as JSON.</summary>
    public string? Policy { get; set; }

    /// <summary>Session duration, 900 to 43200 seconds.</summary>
    public int? DurationSeconds { get; set; }

    /// <summary>Session tags (at most 50).</summary>
    public IList<Tag> Tags { get; set; } = new List<Tag>();

    /// <summary>Tag keys that persist through role chaining.</summary>
    public IList<string> TransitiveTagKeys { get; set; } = new List<string>();

    /// <summary>The external id the role's trust policy expects.</summary>
    public string? ExternalId { get; set; }

    /// <summary>The MFA device serial number or ARN.</summary>
    public string? SerialNumber { get; set; }

    /// <summary>The six-digit MFA code.</summary>
    public string? TokenCode { get; set; }

    /// <summary>The source identity to set on the session.</summary>
    public string? SourceIdentity { get; set; }

    /// <summary>Trusted context assertions (at most 5).</summary>
    public IList<ProvidedContext> ProvidedContexts { get; set; } = new List<ProvidedContext>();
}
