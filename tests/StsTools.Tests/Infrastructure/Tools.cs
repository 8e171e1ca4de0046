using System;
using System.IO;
using System.Linq;

namespace StsTools.Tests.Infrastructure;

/// <summary>External programs the tests start, found the way each OS names them.</summary>
internal static class Tools
{
    /// <summary>python3 on Unix; python (or py) on Windows runners.</summary>
    public static string Python { get; } = Find("python3", "python") ?? "python3";

    private static string? Find(params string[] names)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator);
        var suffixes = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", "" } : new[] { "" };
        return names.FirstOrDefault(n => path.Any(dir => suffixes.Any(s => File.Exists(Path.Combine(dir, n + s)))));
    }
}
