using System;
using System.Collections.Generic;
using System.Globalization;
using StsTools.Model;

namespace StsTools.Env;

/// <summary>One variable that <see cref="CredentialEnvironment"/> set or removed.</summary>
public sealed class EnvironmentChange
{
    /// <summary>Creates the record.</summary>
    public EnvironmentChange(string name, bool removed, string? shownValue, bool restored = false)
    {
        Name = name;
        Removed = removed;
        ShownValue = shownValue;
        Restored = restored;
    }

    /// <summary>True when the change put back what the variable held before the module wrote it.</summary>
    public bool Restored { get; }

    /// <summary>The variable name.</summary>
    public string Name { get; }

    /// <summary>True when the variable was removed rather than set.</summary>
    public bool Removed { get; }

    /// <summary>The value safe to show: null for secrets; for a removal, the old value when not secret.</summary>
    public string? ShownValue { get; }

    /// <summary>A line for verbose output, never containing a secret.</summary>
    public override string ToString() =>
        Restored ? (Removed ? $"Removed {Name} (it was not set before the module set it)" : $"Restored {Name}" + (ShownValue is null ? " (secret, not shown)" : $"={ShownValue}"))
        : Removed ? $"Removed {Name}" + (ShownValue is null ? string.Empty : $" (was '{ShownValue}')")
                : $"Set {Name}" + (ShownValue is null ? " (secret, not shown)" : $"={ShownValue}");
}

/// <summary>
/// Puts temporary credentials where the AWS CLI, boto3, the AWS SDKs and this module look first:
/// the standard environment variables.
/// </summary>
public static class CredentialEnvironment
{
    /// <summary>The access key id variable.</summary>
    public const string AccessKeyId = "AWS_ACCESS_KEY_ID";
    /// <summary>The secret key variable.</summary>
    public const string SecretAccessKey = "AWS_SECRET_ACCESS_KEY";
    /// <summary>The session token variable.</summary>
    public const string SessionToken = "AWS_SESSION_TOKEN";
    /// <summary>The legacy session token name that boto2 used and botocore still reads (and prefers).</summary>
    public const string SecurityToken = "AWS_SECURITY_TOKEN";
    /// <summary>The expiry, ISO 8601 UTC, as the AWS CLI and aws-vault write it.</summary>
    public const string CredentialExpiration = "AWS_CREDENTIAL_EXPIRATION";
    /// <summary>The region variable of the SDKs.</summary>
    public const string Region = "AWS_REGION";
    /// <summary>The region variable of the AWS CLI and boto3.</summary>
    public const string DefaultRegion = "AWS_DEFAULT_REGION";

    /// <summary>
    /// Variables that would make some tool pick another identity than the one just set:
    /// the .NET SDK (and so AWS.Tools) resolves AWS_PROFILE before the key variables,
    /// and old CLI versions read AWS_DEFAULT_PROFILE.
    /// </summary>
    public static IReadOnlyList<string> ShadowingVariables { get; } = new[] { "AWS_PROFILE", "AWS_DEFAULT_PROFILE" };

    /// <summary>Every variable <see cref="Apply"/> may set or remove.</summary>
    public static IReadOnlyList<string> AllVariables { get; } = new[]
    {
        AccessKeyId, SecretAccessKey, SessionToken, SecurityToken, CredentialExpiration, Region, DefaultRegion, "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
    };

    /// <summary>
    /// Every variable an Invoke-StsCommand block may change and that must not outlive it: the ones
    /// <see cref="Apply"/> touches, and every other AWS_* variable set now (endpoints, config files,
    /// retry settings a block may set itself).
    /// </summary>
    public static IEnumerable<string> ScopedVariables(IEnvironmentVariables env)
    {
        var names = new HashSet<string>(AllVariables, StringComparer.Ordinal);
        if (env is IEnvironmentNames listed)
            foreach (var name in listed.Names)
                if (name.StartsWith("AWS_", StringComparison.Ordinal)) names.Add(name);
        return names;
    }

    /// <summary>True for the variables whose values are never shown.</summary>
    public static bool IsSecret(string name) => name == SecretAccessKey || name == SessionToken || name == SecurityToken;

    /// <summary>
    /// Sets the credential variables (and the region ones when <paramref name="region"/> is given),
    /// removes the shadowing ones, and says what changed. When no region is given and a removed
    /// AWS_PROFILE was what gave the region (no AWS_REGION/AWS_DEFAULT_REGION), that profile's region
    /// from <paramref name="profileRegion"/> is set, so the tools stay in the region they were in.
    /// </summary>
    public static IReadOnlyList<EnvironmentChange> Apply(IEnvironmentVariables env, Credentials credentials, string? region, Func<string, string?>? profileRegion = null)
    {
        if (env is null) throw new ArgumentNullException(nameof(env));
        if (credentials is null) throw new ArgumentNullException(nameof(credentials));
        if (string.IsNullOrEmpty(credentials.AccessKeyId) || string.IsNullOrEmpty(credentials.SecretAccessKey))
            throw new ArgumentException("The credentials have no access key id or secret access key.", nameof(credentials));
        Storage.CredentialValues.Check(credentials, "put into the environment");

        var changes = new List<EnvironmentChange>();
        void Set(string name, string value, bool secret)
        {
            env.Set(name, value);
            changes.Add(new EnvironmentChange(name, removed: false, secret ? null : value));
        }

        Set(AccessKeyId, credentials.AccessKeyId, secret: false);
        Set(SecretAccessKey, credentials.SecretAccessKey, secret: true);
        if (string.IsNullOrEmpty(credentials.SessionToken))
        {
            foreach (var name in new[] { SessionToken, SecurityToken })
                if (env.Get(name) is not null) { env.Set(name, null); changes.Add(new EnvironmentChange(name, removed: true, null)); }
        }
        else
        {
            Set(SessionToken, credentials.SessionToken, secret: true);
            // botocore reads AWS_SECURITY_TOKEN before AWS_SESSION_TOKEN: a stale one would win.
            Set(SecurityToken, credentials.SessionToken, secret: true);
        }

        if (credentials.Expiration != default)
            Set(CredentialExpiration, FormatExpiration(credentials.Expiration), secret: false);
        else if (env.Get(CredentialExpiration) is not null)
        {
            env.Set(CredentialExpiration, null);
            changes.Add(new EnvironmentChange(CredentialExpiration, removed: true, null));
        }

        if (string.IsNullOrEmpty(region) && profileRegion is not null && env.Get(Region) is null && env.Get(DefaultRegion) is null)
        {
            foreach (var name in ShadowingVariables)
                if (env.Get(name) is { } profile && profileRegion(profile) is { } fromProfile) { region = fromProfile; break; }
        }
        if (!string.IsNullOrEmpty(region))
        {
            Set(Region, region!, secret: false);
            Set(DefaultRegion, region!, secret: false);
        }

        foreach (var name in ShadowingVariables)
        {
            var old = env.Get(name);
            if (old is null) continue;
            env.Set(name, null);
            changes.Add(new EnvironmentChange(name, removed: true, old));
        }
        return changes;
    }

    /// <summary>
    /// Removes the credential variables (unless <paramref name="credentials"/> is false) and the region
    /// ones when <paramref name="includeRegion"/>, and says what was removed.
    /// </summary>
    public static IReadOnlyList<EnvironmentChange> Clear(IEnvironmentVariables env, bool includeRegion, bool credentials = true)
    {
        if (env is null) throw new ArgumentNullException(nameof(env));
        var names = credentials ? new List<string> { AccessKeyId, SecretAccessKey, SessionToken, SecurityToken, CredentialExpiration } : new List<string>();
        if (includeRegion) names.AddRange(new[] { Region, DefaultRegion });
        var changes = new List<EnvironmentChange>();
        foreach (var name in names)
        {
            var old = env.Get(name);
            if (old is null) continue;
            env.Set(name, null);
            changes.Add(new EnvironmentChange(name, removed: true, IsSecret(name) ? null : old));
        }
        return changes;
    }

    /// <summary>The credentials the variables hold now (what -SetEnvironment wrote), or null when there are none.</summary>
    public static Credentials? Read(IEnvironmentVariables env)
    {
        if (env is null) throw new ArgumentNullException(nameof(env));
        var key = env.Get(AccessKeyId);
        var secret = env.Get(SecretAccessKey);
        if (key is null || secret is null) return null;
        var expiration = env.Get(CredentialExpiration);
        return new Credentials
        {
            AccessKeyId = key,
            SecretAccessKey = secret,
            SessionToken = env.Get(SessionToken) ?? env.Get(SecurityToken) ?? string.Empty,
            Expiration = expiration is null ? default : Input.CredentialsConverter.Expiration(expiration),
        };
    }

    /// <summary>ISO 8601 UTC with a Z suffix, second precision (what the AWS CLI writes).</summary>
    public static string FormatExpiration(DateTime expiration) =>
        expiration.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
