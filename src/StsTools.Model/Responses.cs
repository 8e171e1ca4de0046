namespace StsTools.Model;

/// <summary>Implemented by every response that carries temporary credentials.</summary>
public interface ICredentialsResponse
{
    /// <summary>The temporary credentials.</summary>
    Credentials Credentials { get; }
}

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

/// <summary>The result of GetSessionToken, shaped exactly like <c>GetSessionTokenResponseTypeDef</c>.</summary>
public sealed class GetSessionTokenResponse : ICredentialsResponse
{
    /// <summary>The temporary credentials.</summary>
    public Credentials Credentials { get; set; } = new();

    /// <summary>What the HTTP exchange said.</summary>
    public ResponseMetadata ResponseMetadata { get; set; } = new();
}

/// <summary>The result of GetCallerIdentity, shaped exactly like <c>GetCallerIdentityResponseTypeDef</c>.</summary>
public sealed class GetCallerIdentityResponse
{
    /// <summary>The unique id of the calling entity.</summary>
    public string UserId { get; set; } = string.Empty;

    /// <summary>The AWS account id that owns the calling entity.</summary>
    public string Account { get; set; } = string.Empty;

    /// <summary>The ARN of the calling entity.</summary>
    public string Arn { get; set; } = string.Empty;

    /// <summary>What the HTTP exchange said.</summary>
    public ResponseMetadata ResponseMetadata { get; set; } = new();
}
