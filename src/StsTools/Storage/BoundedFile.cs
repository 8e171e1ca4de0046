using System;
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

    /// <summary>
    /// The file's bytes; <c>NotARegularFile</c> for a FIFO, socket, device or folder (asked before
    /// opening: opening a FIFO waits for a writer, for ever and deaf to Ctrl+C), <c>FileTooLarge</c>
    /// when it holds more than <paramref name="limit"/>.
    /// </summary>
    public static byte[] ReadAllBytes(string path, int limit, string what)
    {
        EnsureRegular(path, what);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        // Read, not Length: a device or a growing file has no honest length.
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > limit)
                throw TooLarge(path, limit, what);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>Throws <c>NotARegularFile</c> when <paramref name="path"/> exists and is not a regular file.</summary>
    public static void EnsureRegular(string path, string what)
    {
        if (PrivateDirectory.NotARegularFile(path) is { } kind)
            throw new StsToolsException(ErrorIds.NotARegularFile, StsErrorCategory.InvalidArgument,
                $"'{path}' is {kind}, not a regular file as the {what} must be. Check the path.", path);
    }

    /// <summary>
    /// Checks a file another library will open (the AWS SDK's profile store and client configuration
    /// read the shared config and credentials files themselves, whole): a regular file of at most
    /// <paramref name="limit"/> bytes, or no file at all.
    /// </summary>
    public static void EnsureFitForReading(string path, int limit, string what)
    {
        EnsureRegular(path, what);
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > limit)
                throw TooLarge(path, limit, what);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // Unreadable or oddly named: whoever opens it says so in its own words.
        }
    }

    private static StsToolsException TooLarge(string path, int limit, string what) =>
        new(ErrorIds.FileTooLarge, StsErrorCategory.InvalidData, $"'{path}' is larger than {limit / 1024} KiB, more than any {what} can be: check the path.", path);

    /// <summary>The file's text (UTF-8, a BOM honoured); <c>FileTooLarge</c> past the limit.</summary>
    public static string ReadAllText(string path, int limit, string what)
    {
        var bytes = ReadAllBytes(path, limit, what);
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
