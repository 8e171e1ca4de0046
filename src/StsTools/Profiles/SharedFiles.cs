using System.IO;
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
        foreach (var source in new[] { env, ProcessEnvironmentVariables.Instance })
        {
            Storage.BoundedFile.EnsureFitForReading(ConfigPath(source), Storage.BoundedFile.SharedFileLimit, "AWS config file");
            Storage.BoundedFile.EnsureFitForReading(CredentialsPath(source), Storage.BoundedFile.SharedFileLimit, "AWS credentials file");
            if (ReferenceEquals(env, ProcessEnvironmentVariables.Instance)) break;
        }
    }

    internal static string Home()
    {
        var home = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? System.Environment.GetEnvironmentVariable("HOME") ?? "." : home;
    }
}
