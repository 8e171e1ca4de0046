using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace StsTools.Tests.Infrastructure;

/// <summary>
/// Runs before any test: no test may reach instance metadata or read the developer's real
/// ~/.aws files, whatever the machine has configured.
/// </summary>
internal static class TestEnvironment
{
    public static string Sandbox { get; } = Path.Combine(Path.GetTempPath(), "ststools-tests-" + Environment.ProcessId);

    [ModuleInitializer]
    internal static void Initialize()
    {
        Directory.CreateDirectory(Sandbox);
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", Path.Combine(Sandbox, "config"));
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(Sandbox, "credentials"));
        foreach (var name in new[] { "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                                     "AWS_SECURITY_TOKEN", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_REGION", "AWS_DEFAULT_REGION" })
            Environment.SetEnvironmentVariable(name, null);
    }

    /// <summary>The repository root (the folder holding StsTools.sln).</summary>
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "StsTools.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("StsTools.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
