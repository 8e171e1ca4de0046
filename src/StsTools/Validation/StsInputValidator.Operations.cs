using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using StsTools.Errors;
using StsTools.Requests;

namespace StsTools.Validation;

/// <summary>The rules of the operations beyond AssumeRole and GetSessionToken.</summary>
public static partial class StsInputValidator
{
    /// <summary>AssumeRoot's upper bound (15 minutes).</summary>
    public const int AssumeRootMaxDurationSeconds = 900;
    /// <summary>GetWebIdentityToken's lower bound.</summary>
    public const int WebIdentityTokenMinDurationSeconds = 60;
    /// <summary>GetWebIdentityToken's upper bound.</summary>
    public const int WebIdentityTokenMaxDurationSeconds = 3600;
    /// <summary>The JWT signing algorithms STS offers.</summary>
    public static readonly IReadOnlyList<string> SigningAlgorithms = new[] { "RS256", "ES384" };

    private static readonly Regex SamlProviderPattern = new(@"^arn:aws(-[a-z]+)*:iam::\d{12}:saml-provider/[A-Za-z0-9_.\-]{1,128}$", RegexOptions.CultureInvariant);
    private static readonly Regex FederatedNamePattern = new("^[" + W + "+=,.@-]{2,32}$", RegexOptions.CultureInvariant);
    private static readonly Regex AccessKeyIdPattern = new("^[" + W + "]{16,128}$", RegexOptions.CultureInvariant);
    private static readonly Regex AccountIdPattern = new(@"^\d{12}$", RegexOptions.CultureInvariant);
    private static readonly Regex RootTaskPolicyPattern = new(@"^arn:aws(-[a-z]+)*:iam::aws:policy/root-task/[A-Za-z0-9]+$", RegexOptions.CultureInvariant);

    /// <summary>Checks every AssumeRoleWithSAML input.</summary>
    public static void ValidateAssumeRoleWithSaml(AssumeRoleWithSAMLRequest request)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        RoleArn(request.RoleArn, "RoleArn");
        if (string.IsNullOrEmpty(request.PrincipalArn) || !SamlProviderPattern.IsMatch(request.PrincipalArn))
            throw Invalid(ErrorIds.InvalidPrincipalArn, "PrincipalArn",
                $"'{request.PrincipalArn}' is not a SAML provider ARN (expected arn:aws:iam::ACCOUNT-ID:saml-provider/NAME).", request.PrincipalArn);
        if (string.IsNullOrEmpty(request.SAMLAssertion) || request.SAMLAssertion.Length < 4 || request.SAMLAssertion.Length > 100000 || !IsBase64(request.SAMLAssertion))
            throw Invalid(ErrorIds.InvalidSAMLAssertion, "SAMLAssertion",
                "SAMLAssertion must be the base64-encoded SAML response from your identity provider (4 to 100000 characters).", "SAMLAssertion");
        PolicyArns(request.PolicyArns);
        Policy(request.Policy);
        Duration(request.DurationSeconds, AssumeRoleMaxDurationSeconds);
    }

    /// <summary>Checks every AssumeRoleWithWebIdentity input (after defaults from the environment were applied).</summary>
    public static void ValidateAssumeRoleWithWebIdentity(AssumeRoleWithWebIdentityRequest request)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        RoleArn(request.RoleArn, "RoleArn");
        RoleSessionName(request.RoleSessionName!);
        var token = request.WebIdentityToken;
        if (string.IsNullOrEmpty(token) || token!.Length < 4 || token.Length > 20000)
            throw Invalid(ErrorIds.InvalidWebIdentityToken, "WebIdentityToken", "WebIdentityToken must be the 4 to 20000 character token your identity provider issued.", "WebIdentityToken");
        if (request.ProviderId is not null && (request.ProviderId.Length < 4 || request.ProviderId.Length > 2048))
            throw Invalid(ErrorIds.InvalidProviderId, "ProviderId", "ProviderId must be 4 to 2048 characters, for example www.amazon.com or graph.facebook.com.", request.ProviderId);
        PolicyArns(request.PolicyArns);
        Policy(request.Policy);
        Duration(request.DurationSeconds, AssumeRoleMaxDurationSeconds);
    }

    /// <summary>Checks every GetFederationToken input.</summary>
    public static void ValidateGetFederationToken(GetFederationTokenRequest request)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        if (string.IsNullOrEmpty(request.Name) || !FederatedNamePattern.IsMatch(request.Name))
            throw Invalid(ErrorIds.InvalidFederatedUserName, "Name",
                $"'{request.Name}' is not a valid federated user Name: use 2 to 32 characters from letters, digits and _+=,.@-.", request.Name);
        Policy(request.Policy);
        PolicyArns(request.PolicyArns);
        Duration(request.DurationSeconds, SessionTokenMaxDurationSeconds);
        Tags(request.Tags);
    }

    /// <summary>Checks every AssumeRoot input (after a short task policy name was expanded).</summary>
    public static void ValidateAssumeRoot(AssumeRootRequest request)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        var target = request.TargetPrincipal;
        if (string.IsNullOrEmpty(target) || !(AccountIdPattern.IsMatch(target) || (target.StartsWith("arn:", StringComparison.Ordinal) && target.Length >= 12 && target.Length <= 2048)))
            throw Invalid(ErrorIds.InvalidTargetPrincipal, "TargetPrincipal",
                $"'{target}' is not a member account: give its 12-digit account id (or its principal ARN).", target);
        var arn = request.TaskPolicyArn?.arn;
        if (string.IsNullOrEmpty(arn) || !RootTaskPolicyPattern.IsMatch(arn!))
            throw Invalid(ErrorIds.InvalidTaskPolicyArn, "TaskPolicyArn",
                $"'{arn}' is not a root task policy. Use one of {string.Join(", ", RootTaskPolicies.Names)} or its ARN (arn:aws:iam::aws:policy/root-task/NAME).", arn);
        Duration(request.DurationSeconds, 0, AssumeRootMaxDurationSeconds, "DurationSeconds");
    }

    /// <summary>An access key id: 16 to 128 letters, digits or underscores.</summary>
    public static void AccessKeyId(string? value)
    {
        if (string.IsNullOrEmpty(value) || !AccessKeyIdPattern.IsMatch(value!))
            throw Invalid(ErrorIds.InvalidAccessKeyId, "AccessKeyId", $"'{value}' is not an access key id (16 to 128 letters and digits, such as AKIAIOSFODNN7EXAMPLE).", value);
    }

    /// <summary>An encoded authorization message: 1 to 10240 characters.</summary>
    public static void EncodedMessage(string? value)
    {
        if (string.IsNullOrEmpty(value) || value!.Length > 10240)
            throw Invalid(ErrorIds.InvalidEncodedMessage, "EncodedMessage", "EncodedMessage must be the 1 to 10240 character message from an 'encoded authorization failure message' error.", "EncodedMessage");
    }

    /// <summary>A trade-in token: present.</summary>
    public static void TradeInToken(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw Invalid(ErrorIds.MissingTradeInToken, "TradeInToken", "TradeInToken is required: the token to exchange for credentials.", "TradeInToken");
    }

    /// <summary>Checks every GetWebIdentityToken input.</summary>
    public static void ValidateGetWebIdentityToken(GetWebIdentityTokenRequest request)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        if (request.Audience is null || request.Audience.Count < 1 || request.Audience.Count > 10)
            throw Invalid(ErrorIds.InvalidAudience, "Audience", $"Audience needs 1 to 10 entries; {request.Audience?.Count ?? 0} were given.", request.Audience?.Count ?? 0);
        foreach (var audience in request.Audience)
            if (string.IsNullOrEmpty(audience) || audience.Length > 1000)
                throw Invalid(ErrorIds.InvalidAudience, "Audience", "Each Audience entry must be 1 to 1000 characters.", audience);
        if (!((IList<string>)SigningAlgorithms).Contains(request.SigningAlgorithm))
            throw Invalid(ErrorIds.InvalidSigningAlgorithm, "SigningAlgorithm", $"'{request.SigningAlgorithm}' is not a signing algorithm STS offers: use RS256 or ES384.", request.SigningAlgorithm);
        Duration(request.DurationSeconds, WebIdentityTokenMinDurationSeconds, WebIdentityTokenMaxDurationSeconds, "DurationSeconds");
        Tags(request.Tags);
    }

    private static bool IsBase64(string value)
    {
        try
        {
            Convert.FromBase64String(value);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
