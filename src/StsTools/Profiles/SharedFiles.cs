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

    internal static string Home()
    {
        var home = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? System.Environment.GetEnvironmentVariable("HOME") ?? "." : home;
    }
}
