using System;
using System.IO;
using System.Text;
using StsTools.Errors;

namespace StsTools.Input;

/// <summary>Accepts a SAML response as base64 (what STS wants) or as the raw XML an IdP page shows.</summary>
public static class SamlAssertions
{
    /// <summary>Base64 text is kept (whitespace removed); raw XML is base64-encoded.</summary>
    public static string Normalize(string assertion)
    {
        if (assertion is null) throw new ArgumentNullException(nameof(assertion));
        var trimmed = assertion.Trim().TrimStart('\uFEFF');
        if (trimmed.StartsWith("<", StringComparison.Ordinal)) return Convert.ToBase64String(Encoding.UTF8.GetBytes(trimmed));
        var sb = new StringBuilder(trimmed.Length);
        foreach (var ch in trimmed) if (!char.IsWhiteSpace(ch)) sb.Append(ch);
        return sb.ToString();
    }

    /// <summary>Reads and normalizes an assertion saved to a file.</summary>
    public static string ReadFile(string path)
    {
        Storage.BoundedFile.EnsureRegular(path, "SAML assertion file"); // a folder is not "missing"
        if (!File.Exists(path))
            throw new StsToolsException(ErrorIds.SamlAssertionFileNotFound, StsErrorCategory.ObjectNotFound, $"The SAML assertion file '{path}' does not exist.", path);
        return Normalize(Storage.BoundedFile.ReadAllText(path, Storage.BoundedFile.SamlLimit, "SAML assertion"));
    }
}
