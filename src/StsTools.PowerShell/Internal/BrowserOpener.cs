using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;

namespace StsTools.PowerShell.Internal;

/// <summary>
/// Opens a URL in the user's browser: $env:BROWSER when set, else the platform's opener
/// (xdg-open, open). A bare program name is looked up in the absolute folders of PATH only,
/// never in the current folder (a cloned repository could hold an "xdg-open"); the URL is one
/// argument, not a command line.
/// </summary>
internal static class BrowserOpener
{
    /// <summary>Starts the browser; returns what was started, or throws <see cref="InvalidOperationException"/>.</summary>
    public static string Open(string url)
    {
        var browser = Environment.GetEnvironmentVariable("BROWSER");
        if (string.IsNullOrEmpty(browser) && RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            using var shell = Process.Start(new ProcessStartInfo(url) { UseShellExecute = true });
            return "the default browser";
        }
        var program = !string.IsNullOrEmpty(browser) ? browser! : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "open" : "xdg-open";
        var path = Resolve(program) ?? throw new InvalidOperationException(System.IO.Path.IsPathRooted(program) ? $"'{program}' does not exist or cannot be run" : $"'{program}' was not found on PATH");
        var start = new ProcessStartInfo(path) { UseShellExecute = false };
        ChildProgram.AddArguments(start, new[] { url });
        using var process = Process.Start(start);
        return path;
    }

    /// <summary>An absolute path as it is; a bare name from the absolute entries of PATH.</summary>
    public static string? Resolve(string program)
    {
        if (Path.IsPathRooted(program)) return File.Exists(program) ? program : null;
        if (program.IndexOfAny(new[] { '/', '\\' }) >= 0) return null;
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            if (folder.Length == 0 || !Path.IsPathRooted(folder)) continue;
            var candidate = Path.Combine(folder, program);
            if (File.Exists(candidate)) return candidate;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && File.Exists(candidate + ".exe")) return candidate + ".exe";
        }
        return null;
    }
}
