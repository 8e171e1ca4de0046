using System;

namespace StsTools.Model;

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
