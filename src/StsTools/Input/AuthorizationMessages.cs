using System;

namespace StsTools.Input;

/// <summary>Finds the encoded part in a pasted "encoded authorization failure message" error text.</summary>
public static class AuthorizationMessages
{
    private const string Marker = "authorization failure message:";

    /// <summary>The text after "Encoded authorization failure message:" up to the next white space, or the trimmed input.</summary>
    public static string Extract(string text)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        var at = text.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
        if (at < 0) return text.Trim();
        var rest = text.Substring(at + Marker.Length).TrimStart();
        var end = 0;
        while (end < rest.Length && !char.IsWhiteSpace(rest[end])) end++;
        return rest.Substring(0, end).TrimEnd('.', ')', '"', '\'');
    }
}
