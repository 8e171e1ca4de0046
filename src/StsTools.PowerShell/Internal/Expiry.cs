using System;
using StsTools.Model;

namespace StsTools.PowerShell.Internal;

/// <summary>The one warning, in the same words everywhere, for credentials that have already expired.</summary>
internal static class Expiry
{
    /// <summary>The warning for <paramref name="credentials"/> (<paramref name="where"/> names them), or null while they are valid or carry no expiry.</summary>
    public static string? Warning(Credentials credentials, string where)
    {
        if (credentials.Expiration == default) return null;
        var ago = DateTime.UtcNow - credentials.Expiration.ToUniversalTime();
        if (ago <= TimeSpan.Zero) return null;
        var howLong = ago.TotalHours >= 48 ? $"{(int)ago.TotalDays} days" : ago.TotalMinutes >= 120 ? $"{(int)ago.TotalHours} hours" : $"{Math.Max(1, (int)ago.TotalMinutes)} minutes";
        return $"The credentials {where} expired at {credentials.Expiration.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z, {howLong} ago: AWS will reject them. Get new ones (Use-StsRole, Get-StsSessionToken) or check with Test-StsCredential.";
    }
}
