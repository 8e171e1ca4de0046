using Amazon.Runtime;

namespace StsTools.Connection;

/// <summary>The outcome of resolving <see cref="ConnectionOptions"/>: what to sign with, and where.</summary>
internal sealed class ResolvedConnection
{
    public ResolvedConnection(AWSCredentials? credentials, string credentialKey, string credentialSource, string region, string regionSource, string? endpointUrl, System.TimeSpan timeout,
        string? defaultsModeSetting = null, string settingsProfile = "default", string endpointSource = "the region", string? warning = null)
    {
        EndpointSource = endpointSource;
        Warning = warning;
        DefaultsModeSetting = defaultsModeSetting;
        SettingsProfile = settingsProfile;
        Timeout = timeout;
        Credentials = credentials;
        CredentialKey = credentialKey;
        CredentialSource = credentialSource;
        Region = region;
        RegionSource = regionSource;
        EndpointUrl = endpointUrl;
    }

    /// <summary>Null means an unsigned call (AssumeRoleWithSAML / WebIdentity need none).</summary>
    public AWSCredentials? Credentials { get; }

    /// <summary>Identifies the source credentials in the client pool without holding any secret.</summary>
    public string CredentialKey { get; }

    /// <summary>Human-readable, secret-free: where the credentials came from.</summary>
    public string CredentialSource { get; }

    public string Region { get; }

    public string RegionSource { get; }

    /// <summary>The effective endpoint (the module resolves it; null: the region's own).</summary>
    public string? EndpointUrl { get; }

    /// <summary>Where <see cref="EndpointUrl"/> came from: -EndpointUrl, AWS_ENDPOINT_URL_STS, a profile...</summary>
    public string EndpointSource { get; }

    /// <summary>A warning for the user about this connection (an allowed plain-http endpoint), or null.</summary>
    public string? Warning { get; }

    public System.TimeSpan Timeout { get; }

    /// <summary>AWS_DEFAULTS_MODE as set (already checked), or null to take the profile's.</summary>
    public string? DefaultsModeSetting { get; }

    /// <summary>The profile whose settings (defaults_mode) apply: -ProfileName, AWS_PROFILE, else default.</summary>
    public string SettingsProfile { get; }

    public string PoolKey => Region + "|" + (EndpointUrl ?? string.Empty) + "|" + Timeout.TotalMilliseconds + "|" + DefaultsModeSetting + "|" + SettingsProfile + "|" + CredentialKey;
}
