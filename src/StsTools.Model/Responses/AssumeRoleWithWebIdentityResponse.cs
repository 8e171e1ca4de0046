namespace StsTools.Model;

/// <summary>The result of AssumeRoleWithWebIdentity, shaped exactly like <c>AssumeRoleWithWebIdentityResponseTypeDef</c>.</summary>
public sealed class AssumeRoleWithWebIdentityResponse : ICredentialsResponse
{
    /// <summary>The temporary credentials of the role session.</summary>
    public Credentials Credentials { get; set; } = new();
    /// <summary>The unique user id the identity provider returned (the token's <c>sub</c>).</summary>
    public string? SubjectFromWebIdentityToken { get; set; }
    /// <summary>The assumed-role session's id and ARN.</summary>
    public AssumedRoleUser AssumedRoleUser { get; set; } = new();
    /// <summary>How full the packed session policies are, in percent of the limit.</summary>
    public int PackedPolicySize { get; set; }
    /// <summary>The issuing authority of the web identity token.</summary>
    public string? Provider { get; set; }
    /// <summary>The intended audience (client id) of the web identity token.</summary>
    public string? Audience { get; set; }
    /// <summary>The source identity from the token, if any.</summary>
    public string? SourceIdentity { get; set; }
    /// <summary>What the HTTP exchange said.</summary>
    public ResponseMetadata ResponseMetadata { get; set; } = new();
}
