using System.IO;
using System.Text;
using StsTools.Errors;

namespace StsTools.Storage;

/// <summary>
/// Reads the files the module reads (credential files, cache entries, SAML assertions, web identity
/// tokens, the shared config and credentials files) with a size limit, so that a huge or endless
/// file (/dev/zero, a wrong path) is a clear error instead of the session's memory.
/// </summary>
public static class BoundedFile
{
    /// <summary>Exported credentials and credential_process documents: a few hundred bytes in practice, 2 MiB at most.</summary>
    public const int CredentialFileLimit = 2 * 1024 * 1024;
    /// <summary>A cache entry: one response.</summary>
    public const int CacheEntryLimit = 64 * 1024;
    /// <summary>A web identity token (STS takes at most 20,000 characters).</summary>
    public const int TokenLimit = 64 * 1024;
    /// <summary>A SAML response as the IdP posted it, XML or base64 (STS takes at most 100,000 characters).</summary>
    public const int SamlLimit = 1024 * 1024;
    /// <summary>The shared AWS config and credentials files.</summary>
    public const int SharedFileLimit = 16 * 1024 * 1024;

    /// <summary>The file's bytes; <c>FileTooLarge</c> when it holds more than <paramref name="limit"/>.</summary>
    public static byte[] ReadAllBytes(string path, int limit, string what)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        // Read, not Length: a device or a growing file has no honest length.
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > limit)
                throw new StsToolsException("FileTooLarge", StsErrorCategory.InvalidData,
                    $"'{path}' is larger than {limit / 1024} KiB, more than any {what} can be: check the path.", path);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The file's text (UTF-8, a BOM honoured); <c>FileTooLarge</c> past the limit.</summary>
    public static string ReadAllText(string path, int limit, string what)
    {
        var bytes = ReadAllBytes(path, limit, what);
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
