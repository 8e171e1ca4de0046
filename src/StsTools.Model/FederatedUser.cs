namespace StsTools.Model;

/// <summary>The identifiers of a federated user, shaped like <c>FederatedUserTypeDef</c>.</summary>
public sealed class FederatedUser
{
    /// <summary>The federated user id, for example <c>123456789012:Bob</c>.</summary>
    public string FederatedUserId { get; set; } = string.Empty;

    /// <summary>The ARN of the federated user.</summary>
    public string Arn { get; set; } = string.Empty;

    /// <summary>The ARN.</summary>
    public override string ToString() => Arn;
}
