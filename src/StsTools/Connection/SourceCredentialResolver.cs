using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using StsTools.Env;
using StsTools.Errors;

namespace StsTools.Connection;

/// <summary>
/// Turns <see cref="ConnectionOptions"/> into source credentials and a region, in this order:
/// explicit keys, <c>-Credential</c>, <c>-ProfileName</c>, the AWS_* key variables, then the SDK's
/// default chain (profiles, SSO, web identity, container, instance metadata).
/// </summary>
/// <remarks>
/// The key variables are read before the SDK chain on purpose: the AWS CLI and boto3 give them
/// precedence over AWS_PROFILE, while the .NET SDK does not; reading them first makes
/// <c>-SetEnvironment</c> take effect for this module exactly as for the other tools.
/// Region lookup never touches instance metadata: a call with explicit inputs opens no other connection.
/// </remarks>
internal sealed class SourceCredentialResolver
{
    /// <summary>The region used when nothing names one: boto's <c>DefaultRegionName</c>.</summary>
    public const string FallbackRegion = "us-east-1";

    private readonly IEnvironmentVariables _env;

    public SourceCredentialResolver(IEnvironmentVariables env) => _env = env;

    public ResolvedConnection Resolve(ConnectionOptions options, bool requireCredentials = true)
    {
        options ??= new ConnectionOptions();
        ValidateShape(options);
        // Before the credentials: the SDK's chain may reach for them over the network, and a bad
        // or insecure endpoint must be refused before anything leaves the machine.
        // The region and the endpoint both read the profile's settings: one lookup per profile
        // and call (each is a parse of the shared files).
        var profiles = new Dictionary<string, CredentialProfile?>(StringComparer.Ordinal);
        CredentialProfile? Profile(string? name) =>
            string.IsNullOrEmpty(name) ? null : profiles.TryGetValue(name!, out var known) ? known : profiles[name!] = FindProfile(name);
        string? warning = null;
        var (endpoint, endpointSource) = EndpointResolver.Resolve(options, _env, Profile, w => warning = w);
        var (credentials, key, source) = ResolveCredentials(options, requireCredentials);
        var (region, regionSource) = ResolveRegion(options, Profile);
        // -Region was checked above; a region from the environment or a profile is checked the
        // same way, naming where it came from (a typo there would end as a DNS error).
        if (options.Region is null) CheckRegion(region, regionSource);
        var defaultsMode = _env.Get(DefaultsMode.Variable);
        DefaultsMode.Validate(defaultsMode);
        return new ResolvedConnection(credentials, key, source, region, regionSource, endpoint, ResolveTimeout(options),
            defaultsMode, options.ProfileName ?? _env.Get("AWS_PROFILE") ?? "default", endpointSource, warning);
    }

    /// <summary>The timeout used when neither the call nor STSMODULE_TIMEOUT_SECONDS sets one.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The time-out of one HTTP attempt for these options.</summary>
    internal TimeSpan Timeout(ConnectionOptions o) => ResolveTimeout(o);

    private TimeSpan ResolveTimeout(ConnectionOptions o)
    {
        if (o.TimeoutSeconds is int seconds) return TimeSpan.FromSeconds(seconds);
        return int.TryParse(_env.Get("STSMODULE_TIMEOUT_SECONDS"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var fromEnv) && fromEnv > 0 && fromEnv <= 3600
            ? TimeSpan.FromSeconds(fromEnv) : DefaultTimeout;
    }

    private static void ValidateShape(ConnectionOptions o)
    {
        if (o.TimeoutSeconds is int t && (t < 1 || t > 3600))
            throw new StsValidationException(ErrorIds.InvalidTimeout, "TimeoutSeconds", $"TimeoutSeconds {t} is out of range: use 1 to 3600 seconds.", t);
        var explicitKeys = o.AccessKey is not null || o.SecretKey is not null || o.SessionToken is not null;
        var sources = (explicitKeys ? 1 : 0) + (o.Credential is not null ? 1 : 0) + (o.ProfileName is not null ? 1 : 0);
        if (sources > 1)
            throw new StsValidationException(ErrorIds.ConflictingCredentialSources, "Credential",
                "Give only one of -AccessKey/-SecretKey, -Credential and -ProfileName.", null, StsErrorCategory.InvalidOperation);
        if (explicitKeys && (string.IsNullOrEmpty(o.AccessKey) || string.IsNullOrEmpty(o.SecretKey)))
            throw new StsValidationException(ErrorIds.IncompleteAccessKey, string.IsNullOrEmpty(o.AccessKey) ? "AccessKey" : "SecretKey",
                "-AccessKey and -SecretKey go together (with -SessionToken for temporary keys).", o.AccessKey);
        if (o.Credential is not null && (string.IsNullOrEmpty(o.Credential.AccessKeyId) || string.IsNullOrEmpty(o.Credential.SecretAccessKey)))
            throw new StsValidationException(ErrorIds.IncompleteCredential, "Credential",
                "The -Credential object has no AccessKeyId or SecretAccessKey.", o.Credential.AccessKeyId);
        if (o.Region is not null && !IsRegionName(o.Region))
            throw new StsValidationException(ErrorIds.InvalidRegion, "Region",
                $"'{o.Region}' is not a region name (expected something like us-east-1 or eu-central-2).", o.Region);
        // A name of the right shape that the SDK does not know but is one or two letters away from
        // one it does is a typo (eu-wst-1), which would otherwise end as a DNS error. A name far
        // from every known one may be a region newer than this SDK: let it through.
        if (o.Region is not null && UnknownRegionSuggestion(o.Region) is { } meant)
            throw new StsValidationException(ErrorIds.InvalidRegion, "Region",
                $"'{o.Region}' is not a region the AWS SDK knows. Did you mean '{meant}'? (Get-StsRegion lists them.)", o.Region);
        if (o.ProfileName is not null && o.ProfileName.Trim().Length == 0)
            throw new StsValidationException(ErrorIds.InvalidProfileName, "ProfileName", "-ProfileName is empty.", o.ProfileName);
    }

    private (AWSCredentials?, string, string) ResolveCredentials(ConnectionOptions o, bool required)
    {
        // AssumeRoleWithSAML/WebIdentity are unsigned by design: the assertion or token is the proof.
        if (!required) return (null, "anonymous", "no credentials (unsigned call)");
        if (o.ResolvedSource is { } source)
            return (source.Credentials, "resolved:" + source.Description + ":" + System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(source.Credentials), source.Description);
        if (o.AccessKey is not null)
            return Keys(o.AccessKey, o.SecretKey!, o.SessionToken, "the -AccessKey/-SecretKey parameters");
        if (o.Credential is not null)
            return Keys(o.Credential.AccessKeyId, o.Credential.SecretAccessKey, o.Credential.SessionToken, "the -Credential object");
        if (o.ProfileName is not null)
        {
            if (!ProfileStore.TryGetAWSCredentials(o.ProfileName, _env, out var profileCredentials))
            {
                if (Input.ProfileNames.NotFoundMessage(o.ProfileName, _env) is { } missing)
                    throw new StsToolsException(ErrorIds.ProfileNotFound, StsErrorCategory.ObjectNotFound, missing, o.ProfileName);
                throw NoCredentialsIn(o.ProfileName);
            }
            return (profileCredentials, "profile:" + o.ProfileName, $"profile '{o.ProfileName}'");
        }
        var envKey = _env.Get(CredentialEnvironment.AccessKeyId);
        var envSecret = _env.Get(CredentialEnvironment.SecretAccessKey);
        if (envKey is not null && envSecret is not null)
            return Keys(envKey, envSecret, _env.Get(CredentialEnvironment.SessionToken) ?? _env.Get(CredentialEnvironment.SecurityToken), "the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY environment variables");
        return DefaultChain();
    }

    // The SDK's default chain after the key variables, step by step, reading this call's view of
    // the environment: the SDK's own resolver reads the process environment, where another
    // runspace's Invoke-StsCommand block may have its credentials (Env.EnvironmentGate). Also
    // what lets "no credentials" name what was looked at, in the module's words.
    private (AWSCredentials?, string, string) DefaultChain()
    {
        var looked = new List<string> { "the AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY environment variables (not set)" };
        var named = _env.Get("AWS_PROFILE");
        var profileName = named ?? "default";
        if (ProfileStore.TryGetAWSCredentials(profileName, _env, out var fromProfile))
            return (fromProfile, "profile:" + profileName, named is null ? "the default profile" : $"profile '{profileName}' (AWS_PROFILE)");
        if (named is not null && Input.ProfileNames.NotFoundMessage(named, _env) is { } missing)
            throw new StsToolsException(ErrorIds.ProfileNotFound, StsErrorCategory.ObjectNotFound, "AWS_PROFILE names a profile that is not there. " + missing, named);
        // A profile that holds only settings (a region) is no source; the chain goes on, as the AWS CLI's does.
        looked.Add(named is not null ? $"profile '{named}' of AWS_PROFILE (it holds no credentials)"
            : $"the default profile (no credentials in {Profiles.SharedFiles.CredentialsPath(_env)} or {Profiles.SharedFiles.ConfigPath(_env)})");
        var tokenFile = _env.Get("AWS_WEB_IDENTITY_TOKEN_FILE");
        var roleArn = _env.Get("AWS_ROLE_ARN");
        if (tokenFile is not null && roleArn is not null)
            return (Provider(AssumeRoleWithWebIdentityCredentials.FromEnvironmentVariables, "the web identity token of AWS_WEB_IDENTITY_TOKEN_FILE"), "web-identity:" + roleArn + ":" + tokenFile, $"the web identity token of AWS_WEB_IDENTITY_TOKEN_FILE (role {roleArn})");
        if (tokenFile is not null || roleArn is not null)
            looked.Add("a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN go together; only one is set)");
        if ((_env.Get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") ?? _env.Get("AWS_CONTAINER_CREDENTIALS_FULL_URI")) is { } containerUri)
            return (Provider(() => new GenericContainerCredentials(), "the container credentials endpoint"), "container:" + containerUri, "the container credentials endpoint (AWS_CONTAINER_CREDENTIALS_*)");
        if (!string.Equals(_env.Get("AWS_EC2_METADATA_DISABLED"), "true", StringComparison.OrdinalIgnoreCase))
        {
            // The SDK asks instance metadata for its role as the provider is made: no answer here
            // means this is no EC2 instance (or its metadata is off), so no credentials from there.
            try
            {
                return (new InstanceProfileAWSCredentials(), "ec2-instance-metadata", "EC2 instance metadata");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                looked.Add($"EC2 instance metadata (no answer: {ex.Message})");
            }
        }
        else looked.Add("EC2 instance metadata (off: AWS_EC2_METADATA_DISABLED=true)");
        throw new StsToolsException(ErrorIds.CredentialsNotFound, StsErrorCategory.AuthenticationError,
            "No AWS credentials were found. Looked at: " + string.Join("; ", looked) + ". " +
            "Pass -ProfileName, -Credential or -AccessKey/-SecretKey, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or AWS_PROFILE, or configure a default profile.",
            null);
    }

    // A profile that exists but gives no credentials (only a region, say): what it holds, and what would make it work.
    private StsToolsException NoCredentialsIn(string profileName)
    {
        var config = Profiles.IniDocument.Load(Profiles.SharedFiles.ConfigPath(_env));
        var held = config.Get(profileName == "default" ? "default" : "profile " + profileName) ?? config.Get(profileName)
                   ?? Profiles.IniDocument.Load(Profiles.SharedFiles.CredentialsPath(_env)).Get(profileName);
        var keys = held is null ? "nothing" : string.Join(", ", held.Keys.Select(k => k is "region" or "output" ? $"{k} = {held[k]}" : k));
        return new StsToolsException(ErrorIds.ProfileHasNoCredentials, StsErrorCategory.InvalidData,
            $"Profile '{profileName}' exists but holds no credentials (it has: {keys}). Give it aws_access_key_id and aws_secret_access_key, role_arn with source_profile, " +
            $"sso_session (Connect-StsSso) or credential_process; or take the credentials from elsewhere (-Credential, -AccessKey) and only the region from it (-Region).", profileName);
    }

    /// <summary>A credential provider of the SDK, made now; a failure names where the credentials were to come from.</summary>
    internal static AWSCredentials Provider(Func<AWSCredentials> make, string description)
    {
        try
        {
            return make();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not StsToolsException)
        {
            throw new StsToolsException(ErrorIds.CredentialsUnavailable, StsErrorCategory.AuthenticationError,
                $"The source credentials from {description} could not be obtained: {ex.Message}", description, ex);
        }
    }

    private static (AWSCredentials?, string, string) Keys(string accessKey, string secretKey, string? sessionToken, string source)
    {
        AWSCredentials creds = string.IsNullOrEmpty(sessionToken)
            ? new BasicAWSCredentials(accessKey, secretKey)
            : new SessionAWSCredentials(accessKey, secretKey, sessionToken);
        // The pool key must tell two secrets for one key id apart without holding either.
        return (creds, "keys:" + accessKey + ":" + Fingerprint(secretKey, sessionToken ?? string.Empty), $"{source} (access key {MaskKey(accessKey)})");
    }

    private (string, string) ResolveRegion(ConnectionOptions o, Func<string?, CredentialProfile?> profile)
    {
        if (o.Region is not null) return (o.Region, "the -Region parameter");
        // The SDK's profile, else the config file itself: a profile whose keys are in the
        // credentials file and whose region is in the config file is one profile to the AWS CLI.
        string? ProfileRegion(string? name) => profile(name)?.Region?.SystemName ?? ConfigRegion(name);
        var profileRegion = ProfileRegion(o.ProfileName ?? _env.Get("AWS_PROFILE"));
        if (o.ProfileName is not null && profileRegion is not null) return (profileRegion, $"profile '{o.ProfileName}'");
        var envRegion = _env.Get(CredentialEnvironment.Region) ?? _env.Get(CredentialEnvironment.DefaultRegion);
        if (envRegion is not null) return (envRegion, "the AWS_REGION/AWS_DEFAULT_REGION environment variables");
        if (profileRegion is not null) return (profileRegion, "the AWS_PROFILE profile");
        var defaultRegion = ProfileRegion("default");
        if (defaultRegion is not null) return (defaultRegion, "the default profile");
        return (FallbackRegion, "the built-in default");
    }

    private string? ConfigRegion(string? name)
    {
        if (string.IsNullOrEmpty(name)) return null;
        try
        {
            var config = Profiles.IniDocument.Load(Profiles.SharedFiles.ConfigPath(_env));
            var values = name == "default" ? config.Get("default") ?? config.Get("profile default") : config.Get("profile " + name);
            return values is not null && values.TryGetValue("region", out var region) && region.Length > 0 ? region : null;
        }
        catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException or StsToolsException)
        {
            return null;
        }
    }

    /// <summary>A profile of the shared config/credentials files, for its settings (region, defaults_mode); null when absent or unreadable.</summary>
    internal static CredentialProfile? FindProfile(string? profileName)
    {
        if (string.IsNullOrEmpty(profileName)) return null;
        try
        {
            return ProfileStore.TryGetProfile(profileName!, ProcessEnvironmentVariables.Instance, out var profile) ? profile : null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null; // an unreadable config file only means "no setting from there"
        }
    }

    private static void CheckRegion(string region, string source)
    {
        if (!IsRegionName(region))
            throw new StsValidationException(ErrorIds.InvalidRegion, "Region",
                $"'{region}' (from {source}) is not a region name (expected something like us-east-1 or eu-central-2).", region);
        if (UnknownRegionSuggestion(region) is { } meant)
            throw new StsValidationException(ErrorIds.InvalidRegion, "Region",
                $"'{region}' (from {source}) is not a region the AWS SDK knows. Did you mean '{meant}'? (Get-StsRegion lists them.)", region);
    }

    /// <summary>For a region the SDK does not know: the known one a typo away, if any.</summary>
    internal static string? UnknownRegionSuggestion(string region)
    {
        var known = Input.StsRegions.Names;
        return known.Contains(region, StringComparer.Ordinal) ? null : Input.Suggestions.Closest(known, region);
    }

    /// <summary>
    /// A region name's shape, <c>^[a-z]{2,}(-[a-z0-9]+)+$</c>, checked by hand: every command checks
    /// it, and building a Regex costs a session's first command (figures: bench/README.md).
    /// </summary>
    internal static bool IsRegionName(string name)
    {
        var parts = name.Split('-');
        if (parts.Length < 2 || parts[0].Length < 2) return false;
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0) return false;
            foreach (var c in parts[i])
                if (!(c >= 'a' && c <= 'z') && (i == 0 || !(c >= '0' && c <= '9'))) return false;
        }
        return true;
    }

    /// <summary>Shows the first four and last four characters of an access key id.</summary>
    public static string MaskKey(string accessKey) =>
        accessKey.Length <= 8 ? new string('*', accessKey.Length) : accessKey.Substring(0, 4) + "…" + accessKey.Substring(accessKey.Length - 4);

    // The last fingerprint computed: a session nearly always uses one set of keys, and hashing
    // them again on every call was a third of the engine's own time on a warm call. It holds
    // nothing the pooled client for those keys does not hold already.
    private sealed class FingerprintMemo
    {
        public FingerprintMemo(string secret, string token, string value) => (Secret, Token, Value) = (secret, token, value);
        public string Secret { get; }
        public string Token { get; }
        public string Value { get; }
    }

    private static FingerprintMemo? _lastFingerprint;

    private static string Fingerprint(string secret, string token)
    {
        var last = System.Threading.Volatile.Read(ref _lastFingerprint);
        if (last is not null && string.Equals(last.Secret, secret, StringComparison.Ordinal) && string.Equals(last.Token, token, StringComparison.Ordinal))
            return last.Value;
        var value = StsTools.Caching.KeyHash.Hex(secret + "\n" + token, bytes: 8);
        System.Threading.Volatile.Write(ref _lastFingerprint, new FingerprintMemo(secret, token, value));
        return value;
    }
}
