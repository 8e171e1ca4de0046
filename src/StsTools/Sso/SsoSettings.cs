using System;
using System.Collections.Generic;
using System.Linq;
using StsTools.Env;
using StsTools.Errors;
using StsTools.Profiles;

namespace StsTools.Sso;

/// <summary>
/// Where and how to sign in to IAM Identity Center, as the AWS CLI reads it from the config file:
/// a profile with <c>sso_session</c> (whose <c>[sso-session NAME]</c> section has
/// <c>sso_start_url</c> and <c>sso_region</c>), the legacy form with both in the profile, or a
/// start URL and region given directly; and for role credentials the profile's
/// <c>sso_account_id</c> and <c>sso_role_name</c>.
/// </summary>
public sealed class SsoSettings
{
    /// <summary>The profile these came from, if any.</summary>
    public string? ProfileName { get; set; }

    /// <summary>The sso-session name (null for the legacy form and a bare start URL).</summary>
    public string? SessionName { get; set; }

    /// <summary>The access portal's start URL.</summary>
    public string StartUrl { get; set; } = string.Empty;

    /// <summary>IAM Identity Center's region.</summary>
    public string Region { get; set; } = string.Empty;

    /// <summary>The scopes a new client registration asks for (sso_registration_scopes).</summary>
    public IReadOnlyList<string> Scopes { get; set; } = new[] { "sso:account:access" };

    /// <summary>sso_registration_scopes as configured (null when the sso-session has none), which names the AWS CLI's registration cache file.</summary>
    public IReadOnlyList<string>? ConfiguredScopes { get; set; }

    /// <summary>The profile's account (sso_account_id), for role credentials.</summary>
    public string? AccountId { get; set; }

    /// <summary>The profile's role (sso_role_name), for role credentials.</summary>
    public string? RoleName { get; set; }

    /// <summary>The profile's own region setting (where STS calls go), if any.</summary>
    public string? ProfileRegion { get; set; }

    /// <summary>What names this sign-in in messages: the sso-session, else the start URL.</summary>
    public string DisplayName => SessionName is null ? StartUrl : $"sso-session '{SessionName}'";

    /// <summary>The token cache file of this sign-in (~/.aws/sso/cache/&lt;sha1&gt;.json).</summary>
    public string TokenFile => SsoTokenCache.PathOf(this);

    /// <summary>The command that signs in again, for messages.</summary>
    public string SignInCommand => SignInCommandWith(string.Empty);

    /// <summary>The same, for a token that still looks valid here but that IAM Identity Center refused: -Force signs in anyway.</summary>
    public string SignInAgainCommand => SignInCommandWith(" -Force");

    private string SignInCommandWith(string force) => ProfileName is not null ? $"Connect-StsSso -ProfileName {ProfileName}{force} (or aws sso login --profile {ProfileName})"
        : SessionName is not null ? $"Connect-StsSso -SsoSession {SessionName}{force} (or aws sso login --sso-session {SessionName})"
        : $"Connect-StsSso -StartUrl {StartUrl} -SsoRegion {Region}{force}";

    /// <summary>
    /// The token cache file's name as the AWS CLI and botocore compute it: the SHA-1 of the session
    /// name, or of the start URL for the legacy form, in lower-case hex, then <c>.json</c>.
    /// </summary>
    public string CacheFileName => SsoTokenCache.FileName(SessionName ?? StartUrl);

    /// <summary>The SSO settings of a profile, or null when it has none. A half-configured one is an error.</summary>
    public static SsoSettings? ForProfile(string profileName, IEnvironmentVariables env) => ForProfile(profileName, ProfileSection(profileName, env), env);

    /// <summary>The same from the profile's section already read (<see cref="ProfileSection"/>), or null when it has no SSO settings.</summary>
    public static SsoSettings? ForProfile(string profileName, IReadOnlyDictionary<string, string>? values, IEnvironmentVariables env)
    {
        if (values is null) return null;
        string? Value(string key) => values.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        SsoSettings settings;
        if (Value("sso_session") is { } session)
        {
            settings = ForSession(session, env, profileName);
            // A profile may repeat the session's settings; if it does they must agree (as botocore checks).
            foreach (var (key, expected) in new[] { ("sso_start_url", settings.StartUrl), ("sso_region", settings.Region) })
                if (Value(key) is { } own && !string.Equals(own, expected, StringComparison.Ordinal))
                    throw Invalid(profileName, $"Profile '{profileName}' has {key} '{own}', but its sso-session '{session}' has '{expected}'.");
        }
        else if (Value("sso_start_url") is { } startUrl)
        {
            settings = new SsoSettings
            {
                StartUrl = startUrl,
                Region = CheckedRegion(Value("sso_region") ?? throw Invalid(profileName, $"Profile '{profileName}' has sso_start_url but no sso_region."), $"sso_region of profile '{profileName}'"),
            };
        }
        else return null;
        settings.ProfileName = profileName;
        settings.AccountId = Value("sso_account_id");
        settings.RoleName = Value("sso_role_name");
        settings.ProfileRegion = Value("region");
        return settings;
    }

    /// <summary>The settings of a <c>[sso-session NAME]</c> section.</summary>
    public static SsoSettings ForSession(string sessionName, IEnvironmentVariables env, string? forProfile = null)
    {
        var values = IniDocument.Load(SharedFiles.ConfigPath(env)).Get("sso-session " + sessionName)
            ?? throw new StsToolsException(ErrorIds.SsoSessionNotFound, StsErrorCategory.ObjectNotFound,
                (forProfile is null ? "There" : $"Profile '{forProfile}' names sso_session '{sessionName}', but there")
                + $" is no [sso-session {sessionName}] section in {SharedFiles.ConfigPath(env)}. Add one with sso_start_url and sso_region (aws configure sso-session writes it).",
                sessionName);
        string? Value(string key) => values.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        var missing = new List<string>();
        if (Value("sso_start_url") is null) missing.Add("sso_start_url");
        if (Value("sso_region") is null) missing.Add("sso_region");
        if (missing.Count > 0)
            throw new StsToolsException(ErrorIds.InvalidSsoSession, StsErrorCategory.InvalidData,
                $"[sso-session {sessionName}] in {SharedFiles.ConfigPath(env)} has no {string.Join(" or ", missing)}.", sessionName);
        // As the AWS CLI parses it: split at commas, each trimmed, empty ones left out.
        var scopes = values.TryGetValue("sso_registration_scopes", out var raw)
            ? raw.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToArray()
            : null;
        return new SsoSettings
        {
            SessionName = sessionName,
            StartUrl = Value("sso_start_url")!,
            Region = CheckedRegion(Value("sso_region")!, $"sso_region of [sso-session {sessionName}]"),
            Scopes = scopes is null || scopes.Length == 0 ? new[] { "sso:account:access" } : scopes,
            ConfiguredScopes = scopes,
        };
    }

    /// <summary>A start URL and region given directly (no session: the legacy cache file name).</summary>
    public static SsoSettings ForStartUrl(string startUrl, string region)
    {
        if (!Uri.TryCreate(startUrl, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            throw new StsValidationException(ErrorIds.InvalidStartUrl, "StartUrl", $"'{startUrl}' is not a start URL: give the access portal's address, such as https://my-org.awsapps.com/start.", startUrl);
        // A user name or password in it would be echoed in messages and the token cache: refused, never repeated.
        if (uri.UserInfo.Length > 0)
            throw new StsValidationException(ErrorIds.InvalidStartUrl, "StartUrl", "A start URL holds no user name or password: give the access portal's address, such as https://my-org.awsapps.com/start.", null);
        return new SsoSettings { StartUrl = startUrl, Region = CheckedRegion(region, "-SsoRegion") };
    }

    // The SSO region becomes part of a host name: a shape check first, with the module's own error.
    private static string CheckedRegion(string region, string source)
    {
        if (!Connection.SourceCredentialResolver.IsRegionName(region))
            throw new StsValidationException(ErrorIds.InvalidRegion, "SsoRegion", $"'{region}' (from {source}) is not a region name (expected something like us-east-1 or eu-central-2).", region);
        return region;
    }

    /// <summary>
    /// A profile's section: <c>[profile NAME]</c> (or <c>[default]</c>) of the config file. SSO
    /// settings live only there.
    /// </summary>
    internal static IReadOnlyDictionary<string, string>? ProfileSection(string profileName, IEnvironmentVariables env)
    {
        var config = IniDocument.Load(SharedFiles.ConfigPath(env));
        return profileName == "default" ? config.Get("default") ?? config.Get("profile default") : config.Get("profile " + profileName);
    }

    private static StsToolsException Invalid(string profile, string message) => new(ErrorIds.InvalidProfile, StsErrorCategory.InvalidData, message, profile);
}
