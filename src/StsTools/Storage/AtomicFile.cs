using System;
using System.IO;
using System.Text;

namespace StsTools.Storage;

/// <summary>
/// Writes a file so that readers see either the old content or the new, never a part: the new
/// content goes to a private temporary file beside the target, is flushed to disk, and then
/// replaces the target in one rename. A writer killed half-way leaves only a stray temp file.
/// </summary>
public static class AtomicFile
{
    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/> (UTF-8, no BOM), owner-only when asked.</summary>
    public static void WriteAllText(string path, string content, bool ownerOnly)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("n") + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                // Permissions first, secrets second: the content never sits in a readable file.
                if (ownerOnly) OwnerOnly.RestrictFile(temp);
                var bytes = new UTF8Encoding(false).GetBytes(content);
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }
            Replace(temp, full);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void Replace(string temp, string target)
    {
        if (File.Exists(target))
        {
            // A rename over the target: atomic on POSIX, ReplaceFile on Windows.
            File.Replace(temp, target, destinationBackupFileName: null, ignoreMetadataErrors: true);
            return;
        }
        try
        {
            File.Move(temp, target);
        }
        catch (IOException) when (File.Exists(target))
        {
            // Another writer created it meanwhile: replace theirs, last writer wins whole.
            File.Replace(temp, target, null, true);
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
