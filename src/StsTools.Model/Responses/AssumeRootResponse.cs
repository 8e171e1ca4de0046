namespace StsTools.Model;

/// <summary>The result of AssumeRoot, shaped exactly like <c>AssumeRootResponseTypeDef</c>.</summary>
public sealed class AssumeRootResponse : ICredentialsResponse
{
    /// <summary>The temporary credentials of the privileged root session.</summary>
    public Credentials Credentials { get; set; } = new();
    /// <summary>The source identity of the session, if any.</summary>
    public string? SourceIdentity { get; set; }
    /// <summary>What the HTTP exchange said.</summary>
    public ResponseMetadata ResponseMetadata { get; set; } = new();
}
