using System;

namespace StsTools.Model;

/// <summary>
/// Temporary security credentials, shaped exactly like STS <c>CredentialsTypeDef</c>.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> deliberately shows only the access key id and expiry: the object is
/// often interpolated into strings and logs, and the secret parts must never leak that way.
/// </remarks>
public sealed class Credentials
{
    /// <summary>The access key id of the temporary credentials.</summary>
    public string AccessKeyId { get; set; } = string.Empty;

    /// <summary>The secret access key. Never shown by the default views.</summary>
    public string SecretAccessKey { get; set; } = string.Empty;

    /// <summary>The session token. Never shown by the default views.</summary>
    public string SessionToken { get; set; } = string.Empty;

    private DateTime _expiration;

    /// <summary>
    /// When the credentials expire, as a local <see cref="DateTime"/> (so <c>$c.Expiration - (Get-Date)</c>
    /// is right in any time zone); a UTC or unspecified value assigned is converted. <c>default</c> means unknown.
    /// </summary>
    public DateTime Expiration { get => _expiration; set => _expiration = LocalTime.From(value); }

    /// <summary>Shows the access key id and expiry, never the secret or the token.</summary>
    public override string ToString() =>
        $"{AccessKeyId} (expires {Expiration.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ})";
}
