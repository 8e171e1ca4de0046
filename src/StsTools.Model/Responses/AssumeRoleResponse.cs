namespace StsTools.Model;

/// <summary>The result of AssumeRole, shaped exactly like <c>AssumeRoleResponseTypeDef</c>.</summary>
public sealed class AssumeRoleResponse : ICredentialsResponse
{
    /// <summary>The temporary credentials of the role session.</summary>
    public Credentials Credentials { get; set; } = new();

    /// <summary>The assumed-role session's id and ARN.</summary>
    public AssumedRoleUser AssumedRoleUser { get; set; } = new();

    /// <summary>How full the packed session policies and tags are, in percent of the limit.</summary>
    public int PackedPolicySize { get; set; }

    /// <summary>The source identity set on the session, if any.</summary>
    public string? SourceIdentity { get; set; }

    /// <summary>What the HTTP exchange said.</summary>
    public ResponseMetadata ResponseMetadata { get; set; } = new();
}
