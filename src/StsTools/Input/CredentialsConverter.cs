using System;
using System.Globalization;
using StsTools.Errors;
using StsTools.Model;

namespace StsTools.Input;

/// <summary>
/// Builds <see cref="Credentials"/> from anything shaped like credentials: this module's objects,
/// AWS.Tools' <c>Amazon.SecurityToken.Model.Credentials</c>, objects read back from JSON or
/// CliXml, hashtables. The host supplies a property reader so the engine needs no PowerShell.
/// </summary>
public static class CredentialsConverter
{
    /// <summary>
    /// Reads AccessKeyId, SecretAccessKey (or SecretKey), SessionToken (or Token) and Expiration
    /// through <paramref name="getProperty"/>; returns null when there is no access key id.
    /// </summary>
    public static Credentials? FromProperties(Func<string, object?> getProperty)
    {
        if (getProperty is null) throw new ArgumentNullException(nameof(getProperty));
        var accessKey = Text(getProperty("AccessKeyId")) ?? Text(getProperty("AccessKey"));
        if (accessKey is null) return null;
        return new Credentials
        {
            AccessKeyId = accessKey,
            SecretAccessKey = Text(getProperty("SecretAccessKey")) ?? Text(getProperty("SecretKey")) ?? string.Empty,
            SessionToken = Text(getProperty("SessionToken")) ?? Text(getProperty("Token")) ?? string.Empty,
            Expiration = Expiration(getProperty("Expiration")),
        };
    }

    /// <summary>Reads an expiry given as a DateTime, DateTimeOffset or ISO 8601 text, as UTC.</summary>
    public static DateTime Expiration(object? value)
    {
        switch (value)
        {
            case null:
                return default;
            case DateTime dt:
                return dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt.ToUniversalTime();
            case DateTimeOffset dto:
                return dto.UtcDateTime;
            case string s when s.Length == 0:
                return default;
            case string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed):
                return parsed.UtcDateTime;
            default:
                throw new StsValidationException(ErrorIds.InvalidCredentialExpiration, "Credential",
                    $"'{value}' is not a date and time the credentials' Expiration can be read from.", value, StsErrorCategory.InvalidData);
        }
    }

    private static string? Text(object? value)
    {
        var s = value switch
        {
            null => null,
            string str => str,
            _ => System.Convert.ToString(value, CultureInfo.InvariantCulture),
        };
        return string.IsNullOrEmpty(s) ? null : s;
    }
}
