namespace StsTools.Model;

/// <summary>A managed policy reference, shaped like <c>PolicyDescriptorTypeTypeDef</c>.</summary>
public sealed class PolicyDescriptorType
{
    /// <summary>Creates an empty descriptor.</summary>
    public PolicyDescriptorType() { }

    /// <summary>Creates a descriptor for a policy ARN.</summary>
    public PolicyDescriptorType(string arn) { this.arn = arn; }

    /// <summary>The policy ARN (lower-case, as STS and the type def spell it).</summary>
#pragma warning disable IDE1006 // the STS shape names this member in lower case
    public string? arn { get; set; }
#pragma warning restore IDE1006

    /// <summary>The ARN.</summary>
    public override string ToString() => arn ?? string.Empty;
}
