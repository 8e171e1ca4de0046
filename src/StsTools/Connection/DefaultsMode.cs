using System;
using Amazon.Runtime;
using StsTools.Errors;

namespace StsTools.Connection;

/// <summary>
/// The SDK defaults mode (<c>AWS_DEFAULTS_MODE</c>, else the profile's <c>defaults_mode</c>), in the
/// spellings the AWS CLI and the other SDKs document (<c>standard</c>, <c>in-region</c>,
/// <c>cross-region</c>, <c>mobile</c>, <c>auto</c>, <c>legacy</c>) and the .NET SDK's own
/// (<c>InRegion</c>...). Why here: AWSSDK.Core 4 reads the setting itself only when a client does not
/// set it, accepts only its enum names, and then fails every call (a user who ran
/// <c>aws configure set defaults_mode in-region</c> could not use the module); so every client the
/// engine builds gets the mode set explicitly.
/// </summary>
internal static class DefaultsMode
{
    /// <summary>The environment variable, as the AWS CLI and the SDKs name it.</summary>
    public const string Variable = "AWS_DEFAULTS_MODE";

    /// <summary>Reads a documented or .NET SDK spelling, case-insensitively.</summary>
    public static bool TryParse(string? value, out DefaultConfigurationMode mode)
    {
        mode = DefaultConfigurationMode.Standard;
        switch (value?.Trim().Replace("-", string.Empty).ToLowerInvariant())
        {
            // AWSSDK.Core 4 has no legacy mode: without one it behaves as standard.
            case "standard": case "legacy": return true;
            case "inregion": mode = DefaultConfigurationMode.InRegion; return true;
            case "crossregion": mode = DefaultConfigurationMode.CrossRegion; return true;
            case "mobile": mode = DefaultConfigurationMode.Mobile; return true;
            case "auto": mode = DefaultConfigurationMode.Auto; return true;
            default: return false;
        }
    }

    /// <summary>Rejects an unknown <c>AWS_DEFAULTS_MODE</c> before any network call.</summary>
    public static void Validate(string? setting)
    {
        if (setting is not null && !TryParse(setting, out _))
            throw Invalid(Variable, setting);
    }

    /// <summary>The mode from the environment's <paramref name="setting"/>, else profile <paramref name="profileName"/>'s, else standard.</summary>
    public static DefaultConfigurationMode Resolve(string? setting, string profileName)
    {
        if (setting is not null) return TryParse(setting, out var fromEnv) ? fromEnv : throw Invalid(Variable, setting);
        var fromProfile = SourceCredentialResolver.FindProfile(profileName)?.DefaultConfigurationModeName;
        if (string.IsNullOrWhiteSpace(fromProfile)) return DefaultConfigurationMode.Standard;
        return TryParse(fromProfile, out var mode) ? mode : throw Invalid($"defaults_mode of profile '{profileName}'", fromProfile!);
    }

    private static StsValidationException Invalid(string where, string value) =>
        new(ErrorIds.InvalidDefaultsMode, "DefaultsMode",
            $"{where} is '{value}'; expected one of standard, in-region, cross-region, mobile, auto, legacy.", value);
}
