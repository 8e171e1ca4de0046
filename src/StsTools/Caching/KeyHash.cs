using System;
using System.Security.Cryptography;
using System.Text;

namespace StsTools.Caching;

/// <summary>
/// SHA-256 in hex, for names derived from secrets or long keys (cache file names, client pool
/// keys): they identify without revealing. Every call of every command hashes, so each thread
/// keeps one hasher: creating one (a native context) costs far more than hashing a short text
/// (figures: bench/README.md).
/// </summary>
internal static class KeyHash
{
    [ThreadStatic] private static SHA256? _sha;

    /// <summary>The first <paramref name="bytes"/> bytes of the SHA-256 of the UTF-8 text, as lowercase hex.</summary>
    public static string Hex(string text, int bytes = 32)
    {
        var hash = (_sha ??= SHA256.Create()).ComputeHash(Encoding.UTF8.GetBytes(text));
        var hex = new StringBuilder(bytes * 2);
        for (var i = 0; i < bytes && i < hash.Length; i++) hex.Append(Digits[hash[i] >> 4]).Append(Digits[hash[i] & 0xF]);
        return hex.ToString();
    }

    private const string Digits = "0123456789abcdef";
}
