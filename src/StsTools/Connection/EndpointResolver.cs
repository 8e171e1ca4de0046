using System;
using System.IO;
using System.Net;
using StsTools.Env;
using StsTools.Errors;
using StsTools.Profiles;

namespace StsTools.Connection;

/// <summary>
/// The STS endpoint a call goes to, resolved by the module, never left to the SDK, so that it is
/// named truthfully in verbose output and is part of the cache key (a session fetched from an
/// emulator must never be served as one from STS). The AWS SDKs' documented order:
/// <c>-EndpointUrl</c>; <c>AWS_ENDPOINT_URL_STS</c>; <c>AWS_ENDPOINT_URL</c>; the <c>sts</c>
/// <c>endpoint_url</c> of the profile's <c>services</c> section; the profile's <c>endpoint_url</c>;
/// else the region's own endpoint. <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS</c> (or the profile's
/// <c>ignore_configured_endpoint_urls</c>) leaves out all but <c>-EndpointUrl</c>.
/// Plain http is accepted for loopback hosts only, unless the caller allows it explicitly.
/// </summary>
internal static class EndpointResolver
{
    /// <summary>The endpoint (null: the region's) and where it came from, checked.</summary>
    /// <param name="options">The call's connection options.</param>
    /// <param name="env">The environment variables.</param>
    /// <param name="findProfile">The profile lookup of this call (shared with its region lookup).</param>
    /// <param name="warn">Receives the warning for an allowed plain-http endpoint.</param>
    public static (string? Url, string Source) Resolve(ConnectionOptions options, IEnvironmentVariables env, Func<string?, Amazon.Runtime.CredentialManagement.CredentialProfile?> findProfile, Action<string>? warn) =>
        Resolve(Sts, options, env, findProfile, warn);

    /// <summary>Where a service's endpoint setting lives: the variable <c>AWS_ENDPOINT_URL_&lt;ID&gt;</c> and the services section key.</summary>
    internal sealed class Service
    {
        public Service(string variable, string configKey, string name) => (Variable, ConfigKey, Name) = (variable, configKey, name);
        public string Variable { get; }
        public string ConfigKey { get; }
        public string Name { get; }
    }

    /// <summary>STS.</summary>
    internal static readonly Service Sts = new("AWS_ENDPOINT_URL_STS", "sts", "STS");
    /// <summary>IAM Identity Center's OIDC service (sign-in, token refresh).</summary>
    internal static readonly Service SsoOidc = new("AWS_ENDPOINT_URL_SSO_OIDC", "sso_oidc", "IAM Identity Center OIDC");
    /// <summary>IAM Identity Center's access portal (accounts, roles, role credentials).</summary>
    internal static readonly Service SsoPortal = new("AWS_ENDPOINT_URL_SSO", "sso", "the IAM Identity Center portal");

    /// <summary>The endpoint of <paramref name="service"/> (null: the region's), checked as for STS.</summary>
    public static (string? Url, string Source) Resolve(Service service, ConnectionOptions options, IEnvironmentVariables env, Func<string?, Amazon.Runtime.CredentialManagement.CredentialProfile?> findProfile, Action<string>? warn)
    {
        var (url, source) = Find(service, options, env, findProfile);
        if (url is null) return (null, "the region");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new StsValidationException(ErrorIds.InvalidEndpointUrl, "EndpointUrl", $"'{url}' (from {source}) is not an absolute http or https URL.", url);
        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            if (!options.AllowInsecureEndpoint)
                throw new StsValidationException(ErrorIds.InsecureEndpoint, "EndpointUrl",
                    $"'{url}' (from {source}) is plain http to a host that is not this machine: credentials and the session they buy would cross the network unencrypted. Use https, or pass -AllowInsecureEndpoint if you mean it.",
                    url, StsErrorCategory.SecurityError);
            warn?.Invoke($"Calling {service.Name} over plain http at '{url}' (from {source}): the credentials it returns cross the network unencrypted.");
        }
        return (url, source);
    }

    private static (string? Url, string Source) Find(Service service, ConnectionOptions o, IEnvironmentVariables env, Func<string?, Amazon.Runtime.CredentialManagement.CredentialProfile?> findProfile)
    {
        if (o.EndpointUrl is not null && service == Sts) return (o.EndpointUrl, "-EndpointUrl");
        var profileName = o.ProfileName ?? env.Get("AWS_PROFILE") ?? "default";
        var profile = findProfile(profileName);
        if (IsTrue(env.Get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) || profile?.IgnoreConfiguredEndpointUrls == true) return (null, string.Empty);
        if (env.Get(service.Variable) is { } specific) return (specific, service.Variable);
        if (env.Get("AWS_ENDPOINT_URL") is { } global) return (global, "AWS_ENDPOINT_URL");
        if (profile?.Services is { Length: > 0 } services && ServicesEndpoint(SharedFiles.ConfigPath(env), services, service.ConfigKey) is { } fromServices)
            return (fromServices, $"the {service.ConfigKey} endpoint_url of the services section '{services}' (profile '{profileName}')");
        if (profile?.EndpointUrl is { Length: > 0 } fromProfile) return (fromProfile, $"the endpoint_url of profile '{profileName}'");
        return (null, string.Empty);
    }

    /// <summary>True for localhost and loopback addresses (127.0.0.0/8, ::1).</summary>
    internal static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || string.Equals(uri.DnsSafeHost, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    private static bool IsTrue(string? value) => value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));

    // [services NAME] ... "sts =" followed by indented "endpoint_url = URL" lines (the nested form
    // the AWS config file uses for per-service settings).
    private static string? ServicesEndpoint(string configPath, string services, string serviceKey)
    {
        string[] lines;
        try
        {
            if (!File.Exists(configPath)) return null;
            lines = Storage.BoundedFile.ReadAllText(configPath, Storage.BoundedFile.SharedFileLimit, "AWS config file").Split('\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or StsToolsException)
        {
            return null;
        }
        var inSection = false;
        var inSts = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith("[", StringComparison.Ordinal))
            {
                inSection = line.TrimStart('[').TrimEnd(']').Trim().Replace("  ", " ") == "services " + services;
                inSts = false;
                continue;
            }
            if (!inSection || line.Length == 0 || line[0] == '#' || line[0] == ';') continue;
            var eq = line.IndexOf('=');
            if (eq <= 0) continue;
            var key = line.Substring(0, eq).Trim();
            var value = line.Substring(eq + 1).Trim();
            var indented = raw.Length > 0 && char.IsWhiteSpace(raw[0]);
            if (!indented) inSts = key == serviceKey && value.Length == 0;
            else if (inSts && key == "endpoint_url" && value.Length > 0) return value;
        }
        return null;
    }
}
