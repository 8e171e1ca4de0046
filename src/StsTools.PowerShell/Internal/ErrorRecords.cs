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
                    : invocation!.ExpectingInput
                        ? "The value came from the pipeline (or from a profile, an environment variable or a default): correct that input item, or follow the message, then run the command again."
                        : "The value was not typed in this command (a profile, an environment variable or a default supplied it): follow the message, then run the command again.",
            };
        }
        return record;
    }

    /// <summary>
    /// Whether a failure belongs to one pipeline item (a refused value of that item, a service
    /// answer about that role, account or key) rather than to every item (no credentials, no
    /// sign-in, credentials the service does not accept, an endpoint that does not answer): the
    /// next item goes on after the first kind. Decided here alone, from the error's category:
    /// AuthenticationError and NotEnabled are the caller's (its keys, token, clock or region), as
    /// is every failure that is not the service's answer; PermissionDenied is the item's (this
    /// role refuses), unless <paramref name="permissionIsTheCallers"/> (the caller may not call
    /// the operation at all, whatever the item).
    /// </summary>
    /// <param name="ex">The failure.</param>
    /// <param name="subjectParameter">The parameter the pipeline binds for the item, when a refused value of only that parameter is the item's; otherwise any parameter but the connection's.</param>
    /// <param name="permissionIsTheCallers">True for operations about a thing the caller owns (a key id, a message), where AccessDenied means the caller may not call them.</param>
    public static bool BelongsToItem(StsToolsException ex, string? subjectParameter = null, bool permissionIsTheCallers = false) => ex switch
    {
        StsValidationException validation => subjectParameter is null ? !ConnectionParameters.Contains(validation.ParameterName) : validation.ParameterName == subjectParameter,
        StsServiceException service => service.HttpStatusCode is >= 400 and < 500 && service.Category switch
        {
            StsErrorCategory.AuthenticationError or StsErrorCategory.NotEnabled => false,
            StsErrorCategory.PermissionDenied => !permissionIsTheCallers,
            _ => true,
        },
        _ => false,
    };

    // Parameters every item shares: a value of theirs refused dooms them all.
    private static readonly System.Collections.Generic.HashSet<string> ConnectionParameters = new(System.StringComparer.OrdinalIgnoreCase)
    {
        "Credential", "AccessKey", "SecretKey", "SessionToken", "ProfileName", "Region", "EndpointUrl", "TimeoutSeconds", "SsoSession", "StartUrl", "SsoRegion",
    };
}
