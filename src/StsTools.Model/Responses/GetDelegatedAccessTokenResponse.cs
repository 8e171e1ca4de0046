namespace StsTools.Model;

/// <summary>The result of GetDelegatedAccessToken, shaped exactly like <c>GetDelegatedAccessTokenResponseTypeDef</c>.</summary>
public sealed class GetDelegatedAccessTokenResponse : ICredentialsResponse
{
    /// <summary>The temporary credentials of the assumed principal.</summary>
    public Credentials Credentials { get; set; } = new();
    /// <summary>How full the packed session policies are, in percent of the limit.</summary>
    public int PackedPolicySize { get; set; }
    /// <summary>The ARN of the principal whose permissions the credentials carry.</summary>
    public string AssumedPrincipal { get; set; } = string.Empty;
    /// <summary>What the HTTP exchange said.</summary>
    public ResponseMetadata ResponseMetadata { get; set; } = new();
}
