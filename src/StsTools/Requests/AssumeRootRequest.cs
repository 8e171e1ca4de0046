using StsTools.Model;

namespace StsTools.Requests;

/// <summary>The inputs of AssumeRoot, one member per field of <c>AssumeRootRequestTypeDef</c>.</summary>
public sealed class AssumeRootRequest
{
    /// <summary>The member account id (or its principal ARN) to act as root in.</summary>
    public string TargetPrincipal { get; set; } = string.Empty;

    /// <summary>The root task policy, as a full ARN or the short name of an AWS-managed root task policy.</summary>
    public PolicyDescriptorType TaskPolicyArn { get; set; } = new();

    /// <summary>Session duration, 0 to 900 seconds.</summary>
    public int? DurationSeconds { get; set; }
}
