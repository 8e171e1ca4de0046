using System;
using System.IO;
using Xunit;

namespace StsTools.Tests.Infrastructure;

internal static class Permissions
{
    /// <summary>The file (0600) or folder (0700) is accessible by its owner only.</summary>
    public static void AssertOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows()) return; // ACLs: checked by the Windows CI job's Pester tests
        var expected = Directory.Exists(path)
            ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            : UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(expected, File.GetUnixFileMode(path));
    }
}
