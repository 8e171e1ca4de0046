namespace StsTools.Model;

/// <summary>The identifiers of an assumed-role session, shaped like <c>AssumedRoleUserTypeDef</c>.</summary>
public sealed class AssumedRoleUser
{
    /// <summary>The role id and session name, for example <c>AROA...:my-session</c>.</summary>
    public string AssumedRoleId { get; set; } = string.Empty;

    /// <summary>The ARN of the assumed-role session.</summary>
    public string Arn { get; set; } = string.Empty;

    /// <summary>The ARN.</summary>
    public override string ToString() => Arn;
}
