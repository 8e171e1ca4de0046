using System;

namespace StsTools.Model;

/// <summary>
/// An IAM Identity Center sign-in (Connect-StsSso): which portal, until when. The access and
/// refresh tokens stay in the token cache file; they are never part of this object.
/// </summary>
public sealed class SsoSignIn
{
    /// <summary>The sso-session section's name, when the sign-in is for one (null for a start URL alone).</summary>
    public string? SsoSession { get; set; }

    /// <summary>The AWS access portal's start URL.</summary>
    public string StartUrl { get; set; } = string.Empty;

    /// <summary>The region of IAM Identity Center.</summary>
    public string SsoRegion { get; set; } = string.Empty;

    private DateTime _expiresAt;

    /// <summary>When the access token ends (local time); a refresh token may extend it.</summary>
    public DateTime ExpiresAt { get => _expiresAt; set => _expiresAt = LocalTime.From(value); }

    /// <summary>True when the cached token can be refreshed without signing in again.</summary>
    public bool CanRefresh { get; set; }

    /// <summary>The token cache file (the AWS CLI's, ~/.aws/sso/cache/&lt;sha1&gt;.json).</summary>
    public string TokenFile { get; set; } = string.Empty;

    /// <summary><c>StartUrl (until ...)</c>.</summary>
    public override string ToString() => $"{SsoSession ?? StartUrl} (until {ExpiresAt.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ})";
}
