using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.AccessControl;
using System.Security.Principal;
using StsTools.Errors;

namespace StsTools.Storage;

/// <summary>
/// Restricts a file or folder to its owner: mode 0600/0700 on Unix, an ACL granting only the
/// current user (no inheritance) on Windows. Applied before any secret is written.
/// </summary>
public static class OwnerOnly
{
    private const uint FileMode = 0x180;      // 0600
    private const uint DirectoryMode = 0x1C0; // 0700

    /// <summary>Makes <paramref name="path"/> readable and writable by its owner only.</summary>
    public static void RestrictFile(string path) => Restrict(path, directory: false);

    /// <summary>Creates <paramref name="path"/> if needed and makes it accessible by its owner only.</summary>
    public static void EnsureDirectory(string path)
    {
        if (!Directory.Exists(path)) Directory.CreateDirectory(path);
        Restrict(path, directory: true);
    }

    private static void Restrict(string path, bool directory)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            RestrictWindows(path, directory);
            return;
        }
        if (Native.chmod(path, directory ? DirectoryMode : FileMode) != 0)
            throw new StsToolsException(ErrorIds.PermissionChangeFailed, StsErrorCategory.PermissionDenied,
                $"Could not make '{path}' private to its owner (chmod failed with errno {Marshal.GetLastWin32Error()}).", path);
    }

    private static void RestrictWindows(string path, bool directory)
    {
        var user = WindowsIdentity.GetCurrent().User ?? throw new InvalidOperationException("No current Windows user.");
        if (directory)
        {
            var security = new DirectorySecurity();
            security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
            security.AddAccessRule(new FileSystemAccessRule(user, FileSystemRights.FullControl,
                InheritanceFlags.ContainerInherit | InheritanceFlags.ObjectInherit, PropagationFlags.None, AccessControlType.Allow));
            new DirectoryInfo(path).SetAccessControl(security);
        }
        else
        {
            var security = new FileSecurity();
            security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
            security.AddAccessRule(new FileSystemAccessRule(user, FileSystemRights.FullControl, AccessControlType.Allow));
            new FileInfo(path).SetAccessControl(security);
        }
    }

    private static class Native
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int chmod(string path, uint mode);

    }
}
