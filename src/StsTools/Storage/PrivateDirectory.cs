using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.AccessControl;
using System.Security.Principal;
using StsTools.Errors;

namespace StsTools.Storage;

/// <summary>
/// A folder of the module's own inside a folder the user chose: the chosen folder must belong to
/// the user and is never changed (a shared 1777 folder stays as it is); the module's folder is
/// created owner-only (mode 0700 by mkdir(2) itself, or an owner-only ACL), and an existing one is
/// used only when it is a real folder (not a link) that the user owns and no one else can enter.
/// </summary>
public static class PrivateDirectory
{
    private const int DirectoryMode = 0x1C0; // 0700
    private const int GroupOrOther = 0x3F;   // 0077
    private const int EEXIST = 17; // the same on Linux and macOS

    /// <summary>Returns <paramref name="parent"/>/<paramref name="name"/>, created or checked as above; throws <c>CacheDirectoryNotPrivate</c> otherwise.</summary>
    public static string Ensure(string parent, string name)
    {
        parent = Path.GetFullPath(parent);
        Directory.CreateDirectory(parent);
        if (!IsOwnedByCurrentUser(parent, followLinks: true))
            throw NotPrivate(parent, "it belongs to another user; choose a folder of your own");
        var path = Path.Combine(parent, name);
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return EnsureWindows(path);

        if (Native.mkdir(path, DirectoryMode) == 0) return path; // ours, 0700 from the start
        var errno = Marshal.GetLastWin32Error();
        if (errno != EEXIST)
            throw new StsToolsException(ErrorIds.CacheDirectoryNotPrivate, StsErrorCategory.PermissionDenied, $"Could not create the cache folder '{path}' (mkdir failed with errno {errno}).", path);
        if ((File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0 || !Directory.Exists(path))
            throw NotPrivate(path, "it is a link or not a folder");
        if (!IsOwnedByCurrentUser(path, followLinks: false))
            throw NotPrivate(path, "it belongs to another user");
        // The user's own folder, once open to others: narrow it again (OwnerOnly fails loudly if it cannot).
        if ((Mode(path) & GroupOrOther) != 0) OwnerOnly.EnsureDirectory(path);
        return path;
    }

    /// <summary>
    /// A private folder of the module's own for <paramref name="name"/> (locks, sign-in pages) in
    /// the cache folder (STSMODULE_CACHE_DIR, else ~/.aws/ststools/cache), or without a home
    /// folder in &lt;temp&gt;/stsmodule-&lt;user&gt;; created or checked by <see cref="Ensure"/>.
    /// </summary>
    public static string OfModule(string name)
    {
        var parent = Caching.CacheOptions.FromEnvironment(Environment.GetEnvironmentVariable).Directory;
        if (parent.Length == 0) parent = Path.Combine(Path.GetTempPath(), "stsmodule-" + Environment.UserName);
        return Ensure(parent, name);
    }

    private static string EnsureWindows(string path)
    {
        if (Directory.Exists(path))
        {
            if ((File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0) throw NotPrivate(path, "it is a link");
            if (!IsOwnedByCurrentUser(path, followLinks: false)) throw NotPrivate(path, "it belongs to another user");
        }
        else
        {
            Directory.CreateDirectory(path);
        }
        OwnerOnly.EnsureDirectory(path); // an owner-only, non-inherited ACL
        return path;
    }

    /// <summary>True when the current user owns <paramref name="path"/> (root owns whatever it runs in).</summary>
    public static bool IsOwnedByCurrentUser(string path, bool followLinks)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            var owner = Directory.Exists(path)
                ? new DirectoryInfo(path).GetAccessControl().GetOwner(typeof(SecurityIdentifier))
                : new FileInfo(path).GetAccessControl().GetOwner(typeof(SecurityIdentifier));
            var me = WindowsIdentity.GetCurrent();
            return owner is not null && (owner.Equals(me.User) || (me.Groups?.Contains(owner) == true && owner.Equals(new SecurityIdentifier(WellKnownSidType.BuiltinAdministratorsSid, null))));
        }
        return Status(path, followLinks).Uid == Native.geteuid();
    }

    private static int Mode(string path) => Status(path, followLinks: false).Mode;

    /// <summary>
    /// True when <paramref name="path"/> is a regular file (not a link) of the current user that no
    /// one else may read or write; on Windows, where the folder's owner-only ACL is what guards it, true.
    /// </summary>
    public static bool IsPrivateFile(string path)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return true;
        var (mode, uid) = Status(path, followLinks: false);
        const int TypeMask = 0xF000, RegularFile = 0x8000;
        return (mode & TypeMask) == RegularFile && (mode & GroupOrOther) == 0 && uid == Native.geteuid();
    }

    /// <summary>
    /// Why a credential file others could have written should not be trusted blindly: another
    /// user owns it, or group/other may write it (or the folder it is in); null when neither (and on
    /// Windows, where ACLs are not read here).
    /// </summary>
    public static string? Exposure(string path)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return null;
        const int GroupOrOtherWrite = 0x12; // 0o022
        var (mode, uid) = Status(path, followLinks: true);
        if (uid != Native.geteuid()) return $"another user (uid {uid}) owns it";
        if ((mode & GroupOrOtherWrite) != 0) return "other users can write it";
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            var (folderMode, _) = Status(folder!, followLinks: true);
            const int Sticky = 0x200; // /tmp: others may add files but not replace this one
            if ((folderMode & GroupOrOtherWrite) != 0 && (folderMode & Sticky) == 0) return "other users can write the folder it is in, and so replace it";
        }
        return null;
    }

    /// <summary>
    /// What kind of file <paramref name="path"/> is, following links, without opening it: null for
    /// a regular file (and on Windows, where named pipes and devices have no file paths, anything but a folder), else
    /// "a FIFO", "a socket", "a device", "a folder" or "not a regular file". Opening a FIFO blocks until
    /// someone writes to it, and a device may never end, so readers ask first.
    /// </summary>
    public static string? NotARegularFile(string path)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return Directory.Exists(path) ? "a folder" : null;
        var buffer = new byte[512];
        if (Native.SystemNative_Stat(path, buffer) != 0) return null; // missing: the open says so, as before
        return (BitConverter.ToInt32(buffer, 4) & 0xF000) switch
        {
            0x8000 => null,
            0x1000 => "a FIFO (named pipe)",
            0xC000 => "a socket",
            0x2000 or 0x6000 => "a device",
            0x4000 => "a folder",
            _ => "not a regular file",
        };
    }

    /// <summary>True for a symbolic link whose target does not exist (never on Windows).</summary>
    public static bool IsDanglingLink(string path)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return false;
        var buffer = new byte[512];
        return Native.SystemNative_LStat(path, buffer) == 0 && Native.SystemNative_Stat(path, buffer) != 0;
    }

    // The start of the .NET runtime's own FileStatus (System.Native, the same on every Unix the
    // runtime supports: Flags, Mode, Uid, Gid, ...), read with a buffer larger than the struct.
    private static (int Mode, uint Uid) Status(string path, bool followLinks)
    {
        var buffer = new byte[512];
        var result = followLinks ? Native.SystemNative_Stat(path, buffer) : Native.SystemNative_LStat(path, buffer);
        if (result != 0) throw new StsToolsException(ErrorIds.CacheDirectoryNotPrivate, StsErrorCategory.PermissionDenied, $"Could not read the owner of '{path}'.", path);
        return (BitConverter.ToInt32(buffer, 4), BitConverter.ToUInt32(buffer, 8));
    }

    private static StsToolsException NotPrivate(string path, string why) =>
        new(ErrorIds.CacheDirectoryNotPrivate, StsErrorCategory.PermissionDenied, $"The disk cache cannot use '{path}': {why}. Cached credentials are kept only where no other user can read or replace them.", path);

    private static class Native
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int mkdir(string path, int mode);

        [DllImport("libc")]
        public static extern uint geteuid();

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
        public static extern int SystemNative_Stat(string path, byte[] output);

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
        public static extern int SystemNative_LStat(string path, byte[] output);
    }
}
