using System.IO;
using System.Linq;
using StsTools.Env;

namespace StsTools.Profiles;

/// <summary>Where the shared AWS config and credentials files are, as the AWS CLI finds them.</summary>
public static class SharedFiles
{
    /// <summary>AWS_CONFIG_FILE, else ~/.aws/config.</summary>
    public static string ConfigPath(IEnvironmentVariables env) => env.Get("AWS_CONFIG_FILE") ?? Path.Combine(Home(), ".aws", "config");

    /// <summary>AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials.</summary>
    public static string CredentialsPath(IEnvironmentVariables env) => env.Get("AWS_SHARED_CREDENTIALS_FILE") ?? Path.Combine(Home(), ".aws", "credentials");

    /// <summary>
    /// Checks the shared config and credentials files (of <paramref name="env"/>, and of the process
    /// environment, which the AWS SDK reads) before the SDK opens them: regular files within
    /// <see cref="Storage.BoundedFile.SharedFileLimit"/>, so that AWS_CONFIG_FILE=/dev/zero or a FIFO is a
    /// clear error instead of a session that runs out of memory or waits for ever.
    /// </summary>
    public static void EnsureFitForReading(IEnvironmentVariables env)
    {
        var process = ProcessEnvironmentVariables.Instance;
        foreach (var (path, what) in new[]
        {
            (ConfigPath(env), "AWS config file"), (CredentialsPath(env), "AWS credentials file"),
            (ConfigPath(process), "AWS config file"), (CredentialsPath(process), "AWS credentials file"),
        }.Distinct())
            Storage.BoundedFile.EnsureFitForReading(path, Storage.BoundedFile.SharedFileLimit, what);
    }

    internal static string Home()
    {
        var home = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? System.Environment.GetEnvironmentVariable("HOME") ?? "." : home;
    }
}
