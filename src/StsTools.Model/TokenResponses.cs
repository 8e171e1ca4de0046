using System;

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

/// <summary>The result of GetWebIdentityToken, shaped exactly like <c>GetWebIdentityTokenResponseTypeDef</c>.</summary>
public sealed class GetWebIdentityTokenResponse
{
    /// <summary>The signed JWT. A bearer credential: never shown by the default views.</summary>
    public string WebIdentityToken { get; set; } = string.Empty;
    private DateTime _expiration;

    /// <summary>When the JWT expires, as a local <see cref="DateTime"/> (see <see cref="Credentials.Expiration"/>).</summary>
    public DateTime Expiration { get => _expiration; set => _expiration = LocalTime.From(value); }
    /// <summary>What the HTTP exchange said.</summary>
    public ResponseMetadata ResponseMetadata { get; set; } = new();
}

/// <summary>The result of GetAccessKeyInfo, shaped exactly like <c>GetAccessKeyInfoResponseTypeDef</c>.</summary>
public sealed class GetAccessKeyInfoResponse
{
    /// <summary>The account that owns the access key.</summary>
    public string Account { get; set; } = string.Empty;
    /// <summary>What the HTTP exchange said.</summary>
    public ResponseMetadata ResponseMetadata { get; set; } = new();
}

/// <summary>The result of DecodeAuthorizationMessage, shaped exactly like <c>DecodeAuthorizationMessageResponseTypeDef</c>.</summary>
public sealed class DecodeAuthorizationMessageResponse
{
    /// <summary>The decoded authorization failure details, as JSON text.</summary>
    public string DecodedMessage { get; set; } = string.Empty;
    /// <summary>What the HTTP exchange said.</summary>
    public ResponseMetadata ResponseMetadata { get; set; } = new();
}
