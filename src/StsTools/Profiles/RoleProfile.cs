using System;
using System.Globalization;
using StsTools.Env;
using StsTools.Errors;

namespace StsTools.Profiles;

/// <summary>A role profile of the shared config file, as the AWS CLI reads it.</summary>
public sealed class RoleProfile
{
    /// <summary>The profile name.</summary>
    public string Name { get; set; } = string.Empty;
    /// <summary><c>role_arn</c>.</summary>
    public string RoleArn { get; set; } = string.Empty;
    /// <summary><c>source_profile</c>: the profile whose credentials assume the role.</summary>
    public string? SourceProfile { get; set; }
    /// <summary><c>credential_source</c>: Environment, Ec2InstanceMetadata or EcsContainer.</summary>
    public string? CredentialSource { get; set; }
    /// <summary><c>mfa_serial</c>.</summary>
    public string? MfaSerial { get; set; }
    /// <summary><c>external_id</c>.</summary>
    public string? ExternalId { get; set; }
    /// <summary><c>role_session_name</c>.</summary>
    public string? RoleSessionName { get; set; }
    /// <summary><c>duration_seconds</c>.</summary>
    public int? DurationSeconds { get; set; }
    /// <summary><c>region</c>.</summary>
    public string? Region { get; set; }
    /// <summary>
    /// <c>mfa_session_duration</c> (this module's key, seconds): how long the MFA session that serves
    /// every role profile with the same source and device lasts. Null: STS's own default, 12 hours.
    /// </summary>
    public int? MfaSessionDuration { get; set; }

    /// <summary>
    /// The role profile <paramref name="name"/> from the config file (<c>[profile NAME]</c>, or
    /// <c>[default]</c>) or the credentials file (<c>[NAME]</c>); null when it has no role_arn.
    /// </summary>
    public static RoleProfile? Find(string name, IEnvironmentVariables env)
    {
        var config = IniDocument.Load(SharedFiles.ConfigPath(env));
        var values = config.Get(name == "default" ? "default" : "profile " + name) ?? config.Get(name)
                     ?? IniDocument.Load(SharedFiles.CredentialsPath(env)).Get(name);
        if (values is null || !values.TryGetValue("role_arn", out var roleArn)) return null;
        string? Value(string key) => values.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        var profile = new RoleProfile
        {
            Name = name,
            RoleArn = roleArn,
            SourceProfile = Value("source_profile"),
            CredentialSource = Value("credential_source"),
            MfaSerial = Value("mfa_serial"),
            ExternalId = Value("external_id"),
            RoleSessionName = Value("role_session_name"),
            Region = Value("region"),
        };
        if (Value("duration_seconds") is { } duration)
        {
            if (!int.TryParse(duration, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
                throw new StsToolsException(ErrorIds.InvalidProfile, StsErrorCategory.InvalidData, $"Profile '{name}' has a duration_seconds that is not a number: '{duration}'.", name);
            profile.DurationSeconds = seconds;
        }
        if (Value("mfa_session_duration") is { } mfaDuration)
        {
            if (!int.TryParse(mfaDuration, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
                throw new StsToolsException(ErrorIds.InvalidProfile, StsErrorCategory.InvalidData, $"Profile '{name}' has an mfa_session_duration that is not a number of seconds: '{mfaDuration}'.", name);
            profile.MfaSessionDuration = seconds;
        }
        if ((profile.SourceProfile is null) == (profile.CredentialSource is null))
            throw new StsToolsException(ErrorIds.InvalidProfile, StsErrorCategory.InvalidData,
                $"Role profile '{name}' needs exactly one of source_profile and credential_source.", name);
        return profile;
    }

    /// <summary>The static keys of a profile (aws_access_key_id/aws_secret_access_key[/aws_session_token]), or null.</summary>
    public static (string AccessKey, string SecretKey, string? SessionToken)? StaticKeys(string name, IEnvironmentVariables env)
    {
        var values = IniDocument.Load(SharedFiles.CredentialsPath(env)).Get(name);
        if (values is null)
        {
            var config = IniDocument.Load(SharedFiles.ConfigPath(env));
            values = config.Get(name == "default" ? "default" : "profile " + name);
        }
        if (values is null || !values.TryGetValue("aws_access_key_id", out var key) || !values.TryGetValue("aws_secret_access_key", out var secret)) return null;
        return (key, secret, values.TryGetValue("aws_session_token", out var token) && token.Length > 0 ? token : null);
    }
}
