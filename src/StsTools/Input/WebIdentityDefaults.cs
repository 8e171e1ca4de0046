using System.IO;
using StsTools.Env;
using StsTools.Errors;
using StsTools.Requests;
using StsTools.Validation;

namespace StsTools.Input;

/// <summary>
/// Fills an AssumeRoleWithWebIdentity request the way EKS (IRSA), GitHub Actions and other
/// platforms expect: AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_SESSION_NAME.
/// </summary>
public static class WebIdentityDefaults
{
    /// <summary>The role variable.</summary>
    public const string RoleArnVariable = "AWS_ROLE_ARN";
    /// <summary>The token file variable.</summary>
    public const string TokenFileVariable = "AWS_WEB_IDENTITY_TOKEN_FILE";
    /// <summary>The session name variable.</summary>
    public const string SessionNameVariable = "AWS_ROLE_SESSION_NAME";

    /// <summary>
    /// Returns a copy with RoleArn, RoleSessionName and WebIdentityToken filled from the
    /// parameters first, then the environment; the token is read from <paramref name="tokenFile"/>
    /// or AWS_WEB_IDENTITY_TOKEN_FILE when not given directly.
    /// </summary>
    public static AssumeRoleWithWebIdentityRequest Complete(AssumeRoleWithWebIdentityRequest request, string? tokenFile, IEnvironmentVariables env)
    {
        if (request.WebIdentityToken is not null && tokenFile is not null)
            throw new StsValidationException(ErrorIds.ConflictingWebIdentityToken, "WebIdentityTokenFile",
                "Give either -WebIdentityToken or -WebIdentityTokenFile, not both.", tokenFile, StsErrorCategory.InvalidOperation);
        var roleArn = request.RoleArn ?? env.Get(RoleArnVariable);
        if (roleArn is null)
            throw new StsValidationException(ErrorIds.MissingRoleArn, "RoleArn",
                $"RoleArn is required: pass -RoleArn or set {RoleArnVariable} (as EKS and other platforms do).", null);
        var token = request.WebIdentityToken;
        if (token is null)
        {
            var file = tokenFile ?? env.Get(TokenFileVariable);
            if (file is null)
                throw new StsValidationException(ErrorIds.MissingWebIdentityToken, "WebIdentityToken",
                    $"A web identity token is required: pass -WebIdentityToken, -WebIdentityTokenFile, or set {TokenFileVariable}.", null);
            Storage.BoundedFile.EnsureRegular(file, "web identity token file"); // a folder is not "missing"
            if (!File.Exists(file))
                throw new StsValidationException(ErrorIds.WebIdentityTokenFileNotFound, "WebIdentityTokenFile",
                    $"The web identity token file '{file}' does not exist.", file, StsErrorCategory.ObjectNotFound);
            token = Storage.BoundedFile.ReadAllText(file, Storage.BoundedFile.TokenLimit, "web identity token").Trim();
        }
        return new AssumeRoleWithWebIdentityRequest
        {
            RoleArn = roleArn,
            RoleSessionName = request.RoleSessionName ?? env.Get(SessionNameVariable) ?? SessionNames.Default(),
            WebIdentityToken = token,
            ProviderId = request.ProviderId,
            PolicyArns = request.PolicyArns,
            Policy = request.Policy,
            DurationSeconds = request.DurationSeconds,
        };
    }
}
