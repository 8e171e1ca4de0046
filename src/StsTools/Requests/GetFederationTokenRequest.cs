using System.Collections.Generic;
using StsTools.Model;

namespace StsTools.Requests;

/// <summary>The inputs of GetFederationToken, one member per field of <c>GetFederationTokenRequestTypeDef</c>.</summary>
public sealed class GetFederationTokenRequest
{
    /// <summary>The name of the federated user (2 to 32 characters).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>An inline session policy as JSON.</summary>
    public string? Policy { get; set; }

    /// <summary>Managed session policies (at most 10).</summary>
    public IList<PolicyDescriptorType> PolicyArns { get; set; } = new List<PolicyDescriptorType>();

    /// <summary>Session duration, 900 to 129600 seconds.</summary>
    public int? DurationSeconds { get; set; }

    /// <summary>Session tags (at most 50).</summary>
    public IList<Tag> Tags { get; set; } = new List<Tag>();
}
