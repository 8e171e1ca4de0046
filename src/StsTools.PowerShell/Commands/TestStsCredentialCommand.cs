using System;
using System.Management.Automation;
using StsTools.Env;
using StsTools.Connection;
using StsTools.Errors;
using StsTools.Model;
using StsTools.PowerShell.Internal;
using StsTools.PowerShell.Transformation;
using StsTools.Storage;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Tests whether credentials are still valid for a while (boto's is_expired with an offset), and with -Remote whether STS still accepts them.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "StsCredential", DefaultParameterSetName = ProfileSet)]
[OutputType(typeof(bool))]
public sealed class TestStsCredentialCommand : CredentialPipelineCmdletBase
{
    /// <summary>How long the credentials must stay valid: seconds (300) or a TimeSpan. Default 0.</summary>
    [Parameter(Position = 0)]
    [SecondsTransformation]
    public TimeSpan Within { get; set; }

    /// <summary>Also ask STS (GetCallerIdentity) whether the credentials still work.</summary>
    [Parameter]
    public SwitchParameter Remote { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        // -ProfileName or -AccessKey name the credentials to test, as on every other cmdlet.
        if (Credential is null && (ProfileName is not null || AccessKey is not null))
        {
            TestNamedCredentials();
            return;
        }
        // Without any: the credentials -SetEnvironment put into this session.
        var credentials = Credential ?? CredentialEnvironment.Read(Service.EnvironmentGate.ViewFor(RunspaceOwner.Current));
        if (credentials is null)
        {
            ThrowTerminatingError(ErrorRecords.From(new StsToolsException(ErrorIds.CredentialsNotFound, StsErrorCategory.ObjectNotFound,
                "There are no credentials to test: pipe a credentials object or a response, or set them with -SetEnvironment first.", null)));
            return;
        }
        if (!CredentialChecks.IsValidFor(credentials, Within))
        {
            WriteVerbose($"{credentials} expires within {Within}.");
            WriteObject(false);
            return;
        }
        if (!Remote)
        {
            WriteObject(true);
            return;
        }
        var connection = Connection;
        connection.Credential = credentials;
        connection.ProfileName = null;
        connection.AccessKey = connection.SecretKey = connection.SessionToken = null;
        AskSts(connection, credentials.AccessKeyId);
    }

    // -ProfileName / -AccessKey: only STS knows whether a profile or a key pair still works (a
    // profile has no expiry here, and keys given as parameters carry none), so that needs -Remote.
    private void TestNamedCredentials()
    {
        var what = ProfileName is not null ? $"profile '{ProfileName}'" : $"the key {AccessKey}";
        if (!Remote)
        {
            ThrowTerminatingError(new ErrorRecord(
                new PSArgumentException($"There is no expiry to check for {what} here; add -Remote to ask STS whether it works."),
                ErrorIds.ExpiryUnknown, ErrorCategory.InvalidArgument, ProfileName ?? AccessKey));
            return;
        }
        AskSts(Connection, what);
    }

    private void AskSts(ConnectionOptions connection, string what)
    {
        try
        {
            // The one engine path: live messages, and Ctrl+C stops a call to an endpoint that does not answer.
            var identity = Call((service, _, log, ct) => service.GetCallerIdentityAsync(connection, log, ct), OnFailure.Throw);
            if (identity is null) return; // stopped
            WriteVerbose($"STS accepts {what} as {identity.Arn}.");
            WriteObject(true);
        }
        catch (StsServiceException ex) when (ex.Category is StsErrorCategory.AuthenticationError or StsErrorCategory.PermissionDenied)
        {
            WriteVerbose($"STS rejects {what}: {ex.ErrorId}.");
            WriteObject(false);
        }
        catch (StsToolsException ex)
        {
            ThrowTerminatingError(ErrorRecords.From(ex, MyInvocation)); // could not ask: not the same as "no"
        }
    }
}
