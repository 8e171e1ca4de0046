using System;
using System.Linq;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.RegularExpressions;
using StsTools.Errors;
using StsTools.Model;
using StsTools.Requests;

namespace StsTools.Validation;

/// <summary>
/// The STS API reference's length and pattern constraints, checked before any network call so
/// that a typo costs a clear message instead of a round trip and a terse service error.
/// </summary>
/// <remarks>
/// AWS documents its patterns in Java regex syntax, where <c>\w</c> is ASCII only; .NET's
/// <c>\w</c> also matches Unicode letters, so the classes below spell the ASCII set out.
/// Values that are secret-ish (MFA codes, external ids, policies) are never echoed in messages.
/// </remarks>
public static partial class StsInputValidator
{
    /// <summary>The shortest session any STS operation grants.</summary>
    public const int MinDurationSeconds = 900;
    /// <summary>AssumeRole's upper bound (12 hours).</summary>
    public const int AssumeRoleMaxDurationSeconds = 43200;
    /// <summary>GetSessionToken's upper bound (36 hours).</summary>
    public const int SessionTokenMaxDurationSeconds = 129600;
    /// <summary>Most session tags one request may carry.</summary>
    public const int MaxTags = 50;
    /// <summary>Most managed session policies one request may carry.</summary>
    public const int MaxPolicyArns = 10;
    /// <summary>Most provided contexts one request may carry.</summary>
    public const int MaxProvidedContexts = 5;

    private const string W = "A-Za-z0-9_";
    private static readonly Regex RoleArnPattern = new(
        @"^arn:aws(-[a-z]+)*:iam::\d{12}:role/([\u0021-\u007E]*/)?[" + W + @"+=,.@-]{1,64}$", RegexOptions.CultureInvariant);
    private static readonly Regex ArnPattern = new(
        @"^arn:aws(-[a-z]+)*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}|aws)?:[\u0021-\u007E]+$", RegexOptions.CultureInvariant);
    private static readonly Regex RoleNamePattern = new("^([" + W + "+=,.@-]+/)*[" + W + "+=,.@-]{1,64}$", RegexOptions.CultureInvariant);
    private static readonly Regex SessionNamePattern = new("^[" + W + "+=,.@-]{2,64}$", RegexOptions.CultureInvariant);
    private static readonly Regex SourceIdentityPattern = new("^[" + W + "+=,.@-]{2,64}$", RegexOptions.CultureInvariant);
    private static readonly Regex ExternalIdPattern = new("^[" + W + @"+=,.@:/-]{2,1224}$", RegexOptions.CultureInvariant);
    private static readonly Regex SerialNumberPattern = new("^[" + W + @"+=/:,.@-]{9,256}$", RegexOptions.CultureInvariant);
    private static readonly Regex TokenCodePattern = new(@"^[0-9]{6}$", RegexOptions.CultureInvariant);
    private static readonly Regex TagKeyPattern = new(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$", RegexOptions.CultureInvariant);
    private static readonly Regex TagValuePattern = new(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$", RegexOptions.CultureInvariant);

    /// <summary>Checks every AssumeRole input; throws <see cref="StsValidationException"/> on the first bad one.</summary>
    public static void ValidateAssumeRole(AssumeRoleRequest request)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        RoleArn(request.RoleArn, "RoleArn");
        if (request.RoleSessionName is not null) RoleSessionName(request.RoleSessionName);
        PolicyArns(request.PolicyArns);
        Policy(request.Policy);
        Duration(request.DurationSeconds, AssumeRoleMaxDurationSeconds);
        Tags(request.Tags);
        TransitiveTagKeys(request.TransitiveTagKeys);
        if (request.ExternalId is not null) ExternalId(request.ExternalId);
        MfaFormat(request.SerialNumber, request.TokenCode);
        if (request.SourceIdentity is not null) SourceIdentity(request.SourceIdentity);
        ProvidedContexts(request.ProvidedContexts);
    }

    /// <summary>Checks every GetSessionToken input.</summary>
    public static void ValidateGetSessionToken(GetSessionTokenRequest request)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        Duration(request.DurationSeconds, SessionTokenMaxDurationSeconds);
        MfaFormat(request.SerialNumber, request.TokenCode);
    }

    /// <summary>A role ARN: <c>arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME</c>.</summary>
    public static void RoleArn(string? value, string parameter)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw Invalid(ErrorIds.MissingRoleArn, parameter, $"{parameter} is required: the ARN of the role, for example arn:aws:iam::123456789012:role/Admin (or give -ProfileName alone to follow a role profile).", value);
        if (value!.Length < 20 || value.Length > 2048 || !RoleArnPattern.IsMatch(value))
            throw Invalid(ErrorIds.InvalidRoleArn, parameter,
                $"'{value}' is not a role ARN. " + (LikelyRoleArn(value) is { } meant
                    ? $"Did you mean '{meant}'? ({DescribeArn(value)}) "
                    : string.Empty)
                + "Expected arn:PARTITION:iam::ACCOUNT-ID:role/[PATH/]NAME with a 12-digit account id, for example arn:aws:iam::123456789012:role/Admin.", value);
    }

    // An ARN of something close to a role that people paste by mistake: the assumed-role ARN of a
    // session (Get-StsCallerIdentity's Arn, arn:aws:sts::A:assumed-role/NAME/SESSION), or a user's.
    // The role ARN it most likely meant, or null.
    internal static string? LikelyRoleArn(string value)
    {
        var parts = value.Split(':');
        if (parts.Length != 6 || parts[0] != "arn" || !IsAccountId(parts[4])) return null;
        var resource = parts[5];
        if (parts[2] == "sts" && resource.StartsWith("assumed-role/", StringComparison.Ordinal))
        {
            var segments = resource.Split('/');
            return segments.Length >= 2 && segments[1].Length > 0 ? $"arn:{parts[1]}:iam::{parts[4]}:role/{segments[1]}" : null;
        }
        if (parts[2] == "iam" && resource.StartsWith("user/", StringComparison.Ordinal))
        {
            var name = resource.Substring(resource.LastIndexOf('/') + 1);
            return name.Length > 0 ? $"arn:{parts[1]}:iam::{parts[4]}:role/{name}" : null;
        }
        return null;
    }

    private static string DescribeArn(string value) =>
        value.Split(':')[2] == "sts" ? "that is the ARN of a role session, as Get-StsCallerIdentity shows it; AssumeRole needs the role's own ARN" : "that is an IAM user's ARN; AssumeRole needs a role's";

    /// <summary>Whether <paramref name="value"/> is an AWS account id: exactly 12 ASCII digits (leading zeros kept).</summary>
    public static bool IsAccountId(string? value) => value is not null && value.Length == 12 && value.All(c => c >= '0' && c <= '9');

    /// <summary>An AWS account id: exactly 12 digits (leading zeros kept).</summary>
    public static void AccountId(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw Invalid(ErrorIds.MissingAccountId, "AccountId", "-RoleName needs the account of the role: give -AccountId, or pipe account ids (text, or objects with an AccountId or Id property).", value);
        if (!IsAccountId(value))
            throw Invalid(ErrorIds.InvalidAccountId, "AccountId", value!.StartsWith("arn:", StringComparison.Ordinal)
                ? $"'{value}' is not an AWS account id but an ARN: with -RoleName, pipe account ids (12 digits); pipe role ARNs to Use-StsRole without -RoleName."
                : $"'{value}' is not an AWS account id: use its 12 digits, for example 123456789012 (keep leading zeros).", value);
    }

    /// <summary>A role name, optionally with its path: <c>[PATH/]NAME</c>, the name 1 to 64 of letters, digits and <c>_+=,.@-</c>.</summary>
    public static void RoleName(string? value)
    {
        if (value is null || !RoleNamePattern.IsMatch(value) || value.Length > 512)
            throw Invalid(ErrorIds.InvalidRoleName, "RoleName", $"'{value}' is not a role name: 1 to 64 letters, digits and _+=,.@- (with an optional path, as in team/Audit).", value);
    }

    /// <summary>Any ARN (used for managed policy ARNs and context providers).</summary>
    public static void Arn(string? value, string parameter, string errorId)
    {
        if (value is null || value.Length < 20 || value.Length > 2048 || !ArnPattern.IsMatch(value))
            throw Invalid(errorId, parameter, $"'{value}' is not a valid ARN for {parameter} (expected arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, 20 to 2048 characters).", value);
    }

    /// <summary>A role session name: 2 to 64 of letters, digits and <c>_+=,.@-</c>.</summary>
    public static void RoleSessionName(string value, string parameter = "RoleSessionName")
    {
        if (value is null || !SessionNamePattern.IsMatch(value))
            throw Invalid(ErrorIds.InvalidRoleSessionName, parameter,
                $"'{value}' is not a valid {parameter}: use 2 to 64 characters from letters, digits and _+=,.@- (no spaces).", value);
    }

    /// <summary>A session duration in seconds between 900 and <paramref name="max"/>.</summary>
    public static void Duration(int? value, int max, string parameter = "DurationSeconds") =>
        Duration(value, MinDurationSeconds, max, parameter);

    /// <summary>A duration in seconds between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static void Duration(int? value, int min, int max, string parameter)
    {
        if (value is int v && (v < min || v > max))
            throw Invalid(ErrorIds.DurationOutOfRange, parameter,
                $"{parameter} {v} is out of range: it must be between {min} and {max} seconds.", v);
    }

    /// <summary>
    /// MFA serial and code shapes; a code needs its serial. A serial without a code is allowed
    /// here because a cached MFA session may serve the call: <see cref="MfaPair"/> checks it
    /// before anything is fetched.
    /// </summary>
    public static void MfaFormat(string? serialNumber, string? tokenCode)
    {
        if (serialNumber is not null && !SerialNumberPattern.IsMatch(serialNumber))
            throw Invalid(ErrorIds.InvalidSerialNumber, "SerialNumber",
                $"'{serialNumber}' is not a valid MFA SerialNumber: use the device ARN (arn:aws:iam::123456789012:mfa/user) or hardware serial, 9 to 256 characters.", serialNumber);
        if (tokenCode is not null && !TokenCodePattern.IsMatch(tokenCode))
            throw Invalid(ErrorIds.InvalidTokenCode, "TokenCode", "TokenCode must be the six digits your MFA device shows.", "TokenCode");
        if (tokenCode is not null && serialNumber is null)
            throw Invalid(ErrorIds.TokenCodeWithoutSerialNumber, "SerialNumber", "TokenCode was given without SerialNumber: name the MFA device the code comes from.", "SerialNumber");
    }

    /// <summary>Before a call that needs MFA: a serial needs its code.</summary>
    public static void MfaPair(string? serialNumber, string? tokenCode)
    {
        if (serialNumber is not null && tokenCode is null)
            throw Invalid(ErrorIds.SerialNumberWithoutTokenCode, "TokenCode", $"SerialNumber '{serialNumber}' was given without TokenCode: add the six-digit code your MFA device shows.", serialNumber);
    }

    /// <summary>An external id: 2 to 1224 of letters, digits and <c>_+=,.@:/-</c>.</summary>
    public static void ExternalId(string value)
    {
        if (value is null || !ExternalIdPattern.IsMatch(value))
            throw Invalid(ErrorIds.InvalidExternalId, "ExternalId",
                "ExternalId must be 2 to 1224 characters from letters, digits and _+=,.@:/- (no spaces).", "ExternalId");
    }

    /// <summary>A source identity: 2 to 64 of letters, digits and <c>_+=,.@-</c>.</summary>
    public static void SourceIdentity(string value)
    {
        if (value is null || !SourceIdentityPattern.IsMatch(value))
            throw Invalid(ErrorIds.InvalidSourceIdentity, "SourceIdentity",
                $"'{value}' is not a valid SourceIdentity: use 2 to 64 characters from letters, digits and _+=,.@-.", value);
    }

    /// <summary>An inline session policy: 1 to 2048 characters of well-formed JSON.</summary>
    public static void Policy(string? value, string parameter = "Policy")
    {
        if (value is null) return;
        if (value.Length < 1 || value.Length > 2048)
            throw Invalid(ErrorIds.InvalidPolicy, parameter, $"{parameter} is {value.Length} characters long; STS accepts 1 to 2048.", parameter);
        try
        {
            using var _ = JsonDocument.Parse(value);
        }
        catch (JsonException ex)
        {
            throw Invalid(ErrorIds.InvalidPolicy, parameter, $"{parameter} is not valid JSON: {ex.Message}", parameter);
        }
    }

    /// <summary>At most 10 managed policy ARNs, each a valid ARN.</summary>
    public static void PolicyArns(IList<PolicyDescriptorType>? value, string parameter = "PolicyArns")
    {
        if (value is null) return;
        if (value.Count > MaxPolicyArns)
            throw Invalid(ErrorIds.TooManyPolicyArns, parameter, $"{value.Count} policy ARNs were given; STS accepts at most {MaxPolicyArns}.", value.Count);
        foreach (var p in value) Arn(p?.arn, parameter, ErrorIds.InvalidPolicyArn);
    }

    /// <summary>At most 50 tags, keys unique regardless of case, keys and values in the STS character set.</summary>
    public static void Tags(IList<Tag>? value, string parameter = "Tags")
    {
        if (value is null) return;
        if (value.Count > MaxTags)
            throw Invalid(ErrorIds.TooManyTags, parameter, $"{value.Count} tags were given; STS accepts at most {MaxTags} session tags.", value.Count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var tag in value)
        {
            TagKey(tag?.Key, parameter);
            if (tag!.Value is null || !TagValuePattern.IsMatch(tag.Value))
                throw Invalid(ErrorIds.InvalidTagValue, parameter,
                    $"The value of tag '{tag.Key}' is not valid: use up to 256 letters, digits, spaces and _.:/=+-@.", tag.Key);
            if (!seen.Add(tag.Key))
                throw Invalid(ErrorIds.DuplicateTagKey, parameter, $"Tag key '{tag.Key}' appears more than once (STS compares tag keys without regard to case).", tag.Key);
        }
    }

    /// <summary>At most 50 transitive keys, each a valid tag key.</summary>
    public static void TransitiveTagKeys(IList<string>? value)
    {
        if (value is null) return;
        if (value.Count > MaxTags)
            throw Invalid(ErrorIds.TooManyTransitiveTagKeys, "TransitiveTagKeys", $"{value.Count} transitive tag keys were given; STS accepts at most {MaxTags}.", value.Count);
        foreach (var key in value)
        {
            TagKey(key, "TransitiveTagKeys");
        }
    }

    /// <summary>At most 5 provided contexts, each with a provider ARN and a 4 to 2048 character assertion.</summary>
    public static void ProvidedContexts(IList<ProvidedContext>? value)
    {
        if (value is null) return;
        if (value.Count > MaxProvidedContexts)
            throw Invalid(ErrorIds.TooManyProvidedContexts, "ProvidedContexts", $"{value.Count} provided contexts were given; STS accepts at most {MaxProvidedContexts}.", value.Count);
        foreach (var c in value)
        {
            Arn(c?.ProviderArn, "ProvidedContexts", ErrorIds.InvalidProvidedContext);
            var assertion = c!.ContextAssertion;
            if (assertion is null || assertion.Length < 4 || assertion.Length > 2048)
                throw Invalid(ErrorIds.InvalidProvidedContext, "ProvidedContexts", $"The ContextAssertion for '{c.ProviderArn}' must be 4 to 2048 characters.", c.ProviderArn);
        }
    }

    private static void TagKey(string? key, string parameter)
    {
        if (key is null || !TagKeyPattern.IsMatch(key))
            throw Invalid(ErrorIds.InvalidTagKey, parameter, $"'{key}' is not a valid tag key: use 1 to 128 letters, digits, spaces and _.:/=+-@.", key);
    }

    private static StsValidationException Invalid(string errorId, string parameter, string message, object? target) =>
        new(errorId, parameter, message, target);
}
