using System;
using StsTools.Model;

namespace StsTools.Storage;

/// <summary>boto's <c>is_expired(time_offset_seconds)</c>, for any credentials object.</summary>
public static class CredentialChecks
{
    /// <summary>
    /// True when the credentials are still valid <paramref name="within"/> from <paramref name="now"/>
    /// (UTC now by default). Credentials without an expiry (long-term keys) never expire.
    /// </summary>
    public static bool IsValidFor(Credentials credentials, TimeSpan within, DateTime? now = null)
    {
        if (credentials is null) throw new ArgumentNullException(nameof(credentials));
        if (credentials.Expiration == default) return true;
        return credentials.Expiration.ToUniversalTime() > (now ?? DateTime.UtcNow).ToUniversalTime() + within;
    }
}
