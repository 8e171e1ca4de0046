using System;
using System.Text;

namespace StsTools.Validation;

/// <summary>Builds the session name used when the caller gives none.</summary>
public static class SessionNames
{
    /// <summary>
    /// <c>StsModule-&lt;user&gt;</c>, reduced to the allowed characters and 64 characters. It is stable
    /// on purpose (not time-stamped): CloudTrail still shows who, and a stable name lets cached
    /// sessions be reused instead of minting a new one per command.
    /// </summary>
    public static string Default(string? userName = null)
    {
        var user = userName ?? System.Environment.UserName ?? string.Empty;
        var sb = new StringBuilder("StsModule-");
        foreach (var ch in user)
        {
            if (sb.Length >= 64) break;
            var ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || "_+=,.@-".IndexOf(ch) >= 0;
            sb.Append(ok ? ch : '_');
        }
        if (user.Length == 0) sb.Append("session");
        return sb.ToString();
    }
}
