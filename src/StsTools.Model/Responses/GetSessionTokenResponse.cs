namespace StsTools.Model;

/// <summary>The result of GetSessionToken, shaped exactly like <c>GetSessionTokenResponseTypeDef</c>.</summary>
public sealed class GetSessionTokenResponse : ICredentialsResponse
{
    /// <summary>The temporary credentials.</summary>
    public Credentials Credentials { get; set; } = new();

    /// <summary>What the HTTP exchange said.</summary>
    public ResponseMetadata ResponseMetadata { get; set; } = new();
}
