namespace StsTools.Model;

/// <summary>The result of AssumeRoleWithSAML, shaped exactly like <c>AssumeRoleWithSAMLResponseTypeDef</c>.</summary>
public sealed class AssumeRoleWithSAMLResponse : ICredentialsResponse
{
    /// <summary>The temporary credentials of the role session.</summary>
    public Credentials Credentials { get; set; } = new();
    /// <summary>The assumed-role session's id and ARN.</summary>
    public AssumedRoleUser AssumedRoleUser { get; set; } = new();
    /// <summary>How full the packed session policies are, in percent of the limit.</summary>
    public int PackedPolicySize { get; set; }
    /// <summary>The NameID of the SAML assertion.</summary>
    public string? Subject { get; set; }
    /// <summary>The format of the NameID (persistent, transient or a URI).</summary>
    public string? SubjectType { get; set; }
    /// <summary>The Issuer of the SAML assertion.</summary>
    public string? Issuer { get; set; }
    /// <summary>The Recipient of the assertion's SubjectConfirmationData.</summary>
    public string? Audience { get; set; }
    /// <summary>A hash that, with Subject, uniquely identifies the user.</summary>
    public string? NameQualifier { get; set; }
    /// <summary>The source identity from the assertion, if any.</summary>
    public string? SourceIdentity { get; set; }
    /// <summary>What the HTTP exchange said.</summary>
    public ResponseMetadata ResponseMetadata { get; set; } = new();
}
