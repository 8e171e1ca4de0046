using System;

namespace StsTools.PowerShell.Internal;

/// <summary>Lines of an accounts file piped into a cmdlet (<c>Get-Content accounts.txt | ...</c>).</summary>
internal static class AccountLines
{
    /// <summary>A blank line or a <c>#</c> comment: no account, and no error either.</summary>
    public static bool IsNoAccount(string line)
    {
        var text = line.Trim();
        return text.Length == 0 || text.StartsWith("#", StringComparison.Ordinal);
    }
}
