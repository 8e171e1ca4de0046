using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using StsTools.Errors;

namespace StsTools.Storage;

/// <summary>
/// Writes a file so that readers see either the old content or the new, never a part: the new
/// content goes to a private temporary file beside the target (created owner-only in one step
/// when asked), is flushed to disk, and then replaces the target in one rename. A writer killed
/// half-way leaves only a stray temp file.
/// </summary>
public static class AtomicFile
{
    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/> (UTF-8, no BOM), owner-only when asked.</summary>
    public static void WriteAllText(string path, string content, bool ownerOnly)
    {
        var full = Path.GetFullPath(path);
        // The rename would put a file in place of a device, a FIFO or a socket (as root, of
        // /dev/null itself), and fails on a folder with a raw IOException: refused, before anything.
        if (PrivateDirectory.NotARegularFile(full) is { } kind)
            throw new StsToolsException(ErrorIds.NotARegularFile, StsErrorCategory.InvalidArgument,
                $"'{full}' is {kind}: only a regular file is replaced by a write. Choose a file path.", full);
        var directory = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(directory);
        // Windows: a secret file is never put in place of a file another user owns (it would keep
        // that user's claim on it); on Unix the rename gives the new file its own owner and mode.
        if (ownerOnly && IsWindows && File.Exists(full) && !PrivateDirectory.IsOwnedByCurrentUser(full, followLinks: false))
            throw new StsToolsException(ErrorIds.FileNotOwned, StsErrorCategory.PermissionDenied, $"'{full}' belongs to another user; credentials are not written over it.", full);
        var temp = Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("n") + ".tmp");
        try
        {
            using (var stream = ownerOnly ? CreatePrivate(temp) : new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = new UTF8Encoding(false).GetBytes(content);
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }
            Replace(temp, full);
            // Windows' ReplaceFile keeps the replaced file's security descriptor: give the new
            // content its own owner-only one again. (On Unix the rename keeps the temp file's mode.)
            if (ownerOnly && IsWindows) OwnerOnly.RestrictFile(full);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    /// <summary>
    /// A new file that no one but its owner could ever open: on Unix created with mode 0600 by
    /// open(2) itself (as botocore's os.open(..., 0o600)), never a moment readable by others, even
    /// for a descriptor opened in between; on Windows given an owner-only ACL before any byte is written.
    /// </summary>
    private static FileStream CreatePrivate(string path)
    {
        if (IsWindows)
        {
            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            try { OwnerOnly.RestrictFile(path); }
            catch { stream.Dispose(); throw; }
            return stream;
        }
        var fd = Native.open(path, Native.CreateExclusiveWriteOnly, OwnerReadWrite);
        if (fd < 0)
        {
            var errno = Marshal.GetLastWin32Error();
            throw new StsToolsException(ErrorIds.FileCreateFailed, StsErrorCategory.WriteError,
                $"Could not create '{path}' (open failed with errno {errno}).", path);
        }
        return new FileStream(new SafeFileHandle((IntPtr)fd, ownsHandle: true), FileAccess.Write);
    }

    private const int OwnerReadWrite = 0x180; // 0600

    private static class Native
    {
        // O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC: the flag values differ between Linux and macOS.
        public static int CreateExclusiveWriteOnly =>
            RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? 0x1 | 0x200 | 0x800 | 0x1000000 : 0x1 | 0x40 | 0x80 | 0x80000;

        [DllImport("libc", SetLastError = true)]
        public static extern int open(string path, int flags, int mode);
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
