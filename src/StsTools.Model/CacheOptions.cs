using System;
using System.Globalization;
using System.IO;

namespace StsTools.Caching;

/// <summary>How the credential cache behaves. Defaults come from the environment, so runbooks can opt in without code.</summary>
public sealed class CacheOptions
{
    /// <summary>Opt in to the on-disk cache (shared by processes): <c>STSMODULE_DISK_CACHE=1</c>.</summary>
    public const string DiskCacheVariable = "STSMODULE_DISK_CACHE";
    /// <summary>Where the on-disk cache lives: <c>STSMODULE_CACHE_DIR</c>.</summary>
    public const string DirectoryVariable = "STSMODULE_CACHE_DIR";
    /// <summary>The refresh window in seconds: <c>STSMODULE_REFRESH_WINDOW_SECONDS</c>.</summary>
    public const string RefreshWindowVariable = "STSMODULE_REFRESH_WINDOW_SECONDS";

    /// <summary>A cached entry is used only while it is valid for longer than this (default 5 minutes).</summary>
    public TimeSpan RefreshWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether entries are also kept on disk for other processes.</summary>
    public bool DiskEnabled { get; set; }

    /// <summary>The on-disk cache folder (owner-only).</summary>
    public string Directory { get; set; } = DefaultDirectory();

    /// <summary>How long to wait for another process that is fetching the same entry.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The defaults, adjusted by the STSMODULE_* variables as <paramref name="getVariable"/> reads them.</summary>
    public static CacheOptions FromEnvironment(Func<string, string?> getVariable)
    {
        if (getVariable is null) throw new ArgumentNullException(nameof(getVariable));
        var options = new CacheOptions();
        var disk = getVariable(DiskCacheVariable);
        options.DiskEnabled = disk is not null && (disk == "1" || disk.Equals("true", StringComparison.OrdinalIgnoreCase) || disk.Equals("yes", StringComparison.OrdinalIgnoreCase));
        if (getVariable(DirectoryVariable) is { } dir) options.Directory = dir;
        if (int.TryParse(getVariable(RefreshWindowVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            options.RefreshWindow = TimeSpan.FromSeconds(seconds);
        return options;
    }

    /// <summary>
    /// ~/.aws/ststools/cache, beside the AWS CLI's own cache; empty when there is no home folder
    /// (a service account, a container): never the shared temp folder, where others could reach it.
    /// </summary>
    public static string DefaultDirectory()
    {
        var home = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home)) home = System.Environment.GetEnvironmentVariable("HOME") ?? string.Empty;
        return home.Length == 0 ? string.Empty : Path.Combine(home, ".aws", "ststools", "cache");
    }
}
