using System;
using System.Management.Automation;
using StsTools.Errors;

namespace StsTools.PowerShell.Internal;

/// <summary>Builds ErrorRecords from engine exceptions: stable id, category and target.</summary>
internal static class ErrorRecords
{
    /// <summary>
    /// The record for <paramref name="ex"/>. A validation error recommends correcting the parameter
    /// only when the user gave it (<paramref name="invocation"/>'s bound parameters): a value from a
    /// profile or the environment is corrected there, not with a parameter they never typed.
    /// </summary>
    public static ErrorRecord From(StsToolsException ex, InvocationInfo? invocation = null)
    {
        // StsErrorCategory names are PowerShell ErrorCategory names (a surface test checks it).
        var category = Enum.TryParse<ErrorCategory>(ex.Category.ToString(), out var c) ? c : ErrorCategory.NotSpecified;
        var record = new ErrorRecord(ex, ex.ErrorId, category, ex.TargetObject);
        if (ex is StsValidationException validation)
        {
            var typed = invocation is null || invocation.BoundParameters.ContainsKey(validation.ParameterName);
            record.ErrorDetails = new ErrorDetails(ex.Message)
            {
                RecommendedAction = typed
                    ? $"Correct the value of -{validation.ParameterName} and run the command again."
                    : "The value was not typed in this command (a profile, an environment variable or a default supplied it): follow the message, then run the command again.",
            };
        }
        return record;
    }

    /// <summary>
    /// Whether a failure belongs to one pipeline item's request (a refused value, a service
    /// answer about that role or account) rather than to every item (no credentials, no sign-in,
    /// credentials the service does not accept, an endpoint that does not answer): the next item
    /// of a fan-out goes on after the first kind. Decided from the error itself, in one place.
    /// </summary>
    public static bool BelongsToItem(StsToolsException ex) => ex switch
    {
        StsValidationException validation => !ConnectionParameters.Contains(validation.ParameterName),
        StsServiceException service => service.HttpStatusCode is >= 400 and < 500 && !CallerAuthenticationCodes.Contains(service.ErrorId),
        _ => false,
    };

    // Parameters every item shares: a value of theirs refused dooms them all.
    private static readonly System.Collections.Generic.HashSet<string> ConnectionParameters = new(System.StringComparer.OrdinalIgnoreCase)
    {
        "Credential", "AccessKey", "SecretKey", "SessionToken", "ProfileName", "Region", "EndpointUrl", "TimeoutSeconds", "SsoSession", "StartUrl", "SsoRegion",
    };

    // Error codes that say the caller's own credentials or signature were not accepted.
    private static readonly System.Collections.Generic.HashSet<string> CallerAuthenticationCodes = new(System.StringComparer.Ordinal)
    {
        "ExpiredToken", "ExpiredTokenException", "IncompleteSignature", "InvalidClientTokenId", "MissingAuthenticationToken",
        "SignatureDoesNotMatch", "UnrecognizedClientException", "RegionDisabledException", "InvalidAccessKeyId", "RequestExpired",
        "UnauthorizedException",
    };
}
