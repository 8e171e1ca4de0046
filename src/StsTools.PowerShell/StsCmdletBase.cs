using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Threading;
using System.Threading.Tasks;
using StsTools.Connection;
using StsTools.Errors;
using StsTools.Model;
using StsTools.PowerShell.Completion;
using StsTools.PowerShell.Internal;
using StsTools.PowerShell.Transformation;
using StsTools.Service;

namespace StsTools.PowerShell;

/// <summary>
/// The parameters every StsModule cmdlet shares (where to call STS and as whom) and the one way
/// they call the engine: on a worker task, cancellable with Ctrl+C, engine messages written
/// afterwards on the pipeline thread, failures thrown as terminating ErrorRecords (a failed
/// credential call must stop a runbook, not let it carry on as the previous identity).
/// </summary>
public abstract class StsCmdletBase : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The AWS region whose STS endpoint to call.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    /// <summary>A profile in the shared AWS config/credentials files to take source credentials from.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string? ProfileName { get; set; }

    /// <summary>The -Credential value; declared by the two subclasses, which differ in pipeline binding.</summary>
    protected abstract Credentials? SourceCredential { get; }

    /// <summary>An explicit access key id to sign with.</summary>
    [Parameter]
    public string? AccessKey { get; set; }

    /// <summary>The secret key for <see cref="AccessKey"/> (text or a SecureString).</summary>
    [Parameter]
    [SecretTransformation]
    public string? SecretKey { get; set; }

    /// <summary>The session token for temporary <see cref="AccessKey"/>s (text or a SecureString).</summary>
    [Parameter]
    [SecretTransformation]
    public string? SessionToken { get; set; }

    /// <summary>A custom STS endpoint URL (VPC endpoint, FIPS endpoint, local emulator).</summary>
    [Parameter]
    public string? EndpointUrl { get; set; }

    /// <summary>Accept a plain-http endpoint on a host other than this machine (with a warning).</summary>
    [Parameter]
    public SwitchParameter AllowInsecureEndpoint { get; set; }

    /// <summary>Seconds one HTTP attempt may take (1 to 3600); default STSMODULE_TIMEOUT_SECONDS, else 30.</summary>
    [Parameter]
    public int TimeoutSeconds { get; set; }

    /// <summary>The engine instance shared by all commands of the session (client reuse).</summary>
    private protected static StsService Service => StsService.Shared;

    // The MFA code typed at the prompt for the role profile -ProfileName names.
    private string? _profileTokenCode;

    /// <summary>The common parameters as the engine's plain type.</summary>
    private protected ConnectionOptions Connection => new()
    {
        Region = Region,
        ProfileName = ProfileName,
        ProfileTokenCode = _profileTokenCode,
        Credential = SourceCredential,
        AccessKey = AccessKey,
        SecretKey = SecretKey,
        SessionToken = SessionToken,
        EndpointUrl = EndpointUrl,
        AllowInsecureEndpoint = AllowInsecureEndpoint,
        TimeoutSeconds = IsBound(nameof(TimeoutSeconds)) ? TimeoutSeconds : null,
    };

    /// <summary>True when the user passed the parameter (tells "0" from "not given").</summary>
    protected bool IsBound(string parameterName) => MyInvocation.BoundParameters.ContainsKey(parameterName);

    /// <summary>
    /// Runs one engine call to completion, writes its log, and turns engine failures into
    /// terminating ErrorRecords. Returns null only when the user stopped the command.
    /// </summary>
    private protected T? Invoke<T>(Func<StsService, ConnectionOptions, IStsLog, CancellationToken, Task<T>> call) where T : class
    {
        try
        {
            return Run(call);
        }
        catch (StsValidationException ex) when (ex.ErrorId == "SerialNumberWithoutTokenCode" && ProfileName is not null && _profileTokenCode is null)
        {
            // -ProfileName names a role profile with mfa_serial and no cached session serves it.
            _profileTokenCode = PromptForMfaCode(ex.TargetObject as string ?? "your MFA device");
            if (_profileTokenCode is null) ThrowTerminatingError(ErrorRecords.From(ex, MyInvocation));
            return Invoke(call);
        }
        catch (StsToolsException ex)
        {
            ThrowTerminatingError(ErrorRecords.From(ex, MyInvocation));
            return null; // not reached: ThrowTerminatingError always throws
        }
    }

    /// <summary>
    /// Like the engine-call Invoke, but when the call needs an MFA code that was not given (and
    /// no cached session could serve it), asks for the code at the prompt once and tries again.
    /// Non-interactive sessions get the usual error.
    /// </summary>
    private protected T? InvokeWithMfaPrompt<T>(Action<string> setTokenCode, Func<StsService, ConnectionOptions, IStsLog, CancellationToken, Task<T>> call) where T : class
    {
        try
        {
            return Run(call);
        }
        catch (StsValidationException ex) when (ex.ErrorId == "SerialNumberWithoutTokenCode")
        {
            var code = PromptForMfaCode(ex.TargetObject as string ?? "your MFA device");
            if (code is null) ThrowTerminatingError(ErrorRecords.From(ex, MyInvocation));
            setTokenCode(code!);
            return Invoke(call);
        }
        catch (StsToolsException ex)
        {
            ThrowTerminatingError(ErrorRecords.From(ex, MyInvocation));
            return null;
        }
    }

    /// <summary>Runs the call on a worker task; engine failures propagate as <see cref="StsToolsException"/>.</summary>
    private T? Run<T>(Func<StsService, ConnectionOptions, IStsLog, CancellationToken, Task<T>> call) where T : class
    {
        var log = new BufferedLog();
        try
        {
            var connection = Connection;
            var task = Task.Run(() => call(Service, connection, log, _stopping.Token));
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            Flush(log);
        }
    }

    /// <summary>Reads an MFA code from the host; null when the session cannot prompt.</summary>
    private string? PromptForMfaCode(string serialNumber)
    {
        try
        {
            // A host prompt, never the output stream, with the code read like a password (not
            // echoed); a -NonInteractive session throws here before anything is written.
            var field = new FieldDescription("MFA code"); // the console host shows the name
            field.SetParameterType(typeof(System.Security.SecureString));
            var caption = ProfileName is null ? $"MFA code for {serialNumber}" : $"MFA code for profile '{ProfileName}' ({serialNumber})";
            var answers = Host.UI.Prompt(caption, "Type the six-digit code of the MFA device.", new System.Collections.ObjectModel.Collection<FieldDescription> { field });
            var code = answers is not null && answers.TryGetValue("MFA code", out var value)
                ? (PSObjects.Unwrap(value) is System.Security.SecureString secure ? SecretTransformationAttribute.Plain(secure) : value?.ToString())?.Trim()
                : null;
            return string.IsNullOrEmpty(code) ? null : code;
        }
        catch (Exception ex) when (ex is PSInvalidOperationException or HostException or NotImplementedException or InvalidOperationException)
        {
            return null; // -NonInteractive, a runbook host, redirected input
        }
    }

    /// <summary>Runs a synchronous engine step (file reads, parsing), turning its failures into ErrorRecords.</summary>
    protected T? Invoke<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (StsToolsException ex)
        {
            ThrowTerminatingError(ErrorRecords.From(ex, MyInvocation));
            return default; // not reached
        }
    }

    /// <summary>For the unsigned operations: says that given source credentials are not used.</summary>
    protected void WarnUnsigned(string operation)
    {
        if (SourceCredential is not null || AccessKey is not null)
            WriteWarning($"{operation} is an unsigned call: the given credentials are not used (only -Region, -ProfileName's region and -EndpointUrl apply).");
    }

    /// <summary>
    /// Writes a credentials result; with -SetEnvironment puts it into the environment instead and
    /// writes it only with -PassThru (as Set-* cmdlets do: a runbook line needs no <c>| Out-Null</c>).
    /// </summary>
    protected void WriteCredentialsResult<T>(T? response, bool setEnvironment, bool passThru, Func<T, string> describe) where T : class, ICredentialsResponse
    {
        if (response is null) return; // stopped by the user
        if (setEnvironment) ApplyEnvironment(response.Credentials, describe(response));
        if (!setEnvironment || passThru) WriteObject(response);
    }

    /// <summary>-PolicyArns as the engine's policy descriptors.</summary>
    protected static List<PolicyDescriptorType> Policies(string[]? arns) =>
        (arns ?? new string[0]).Select(a => new PolicyDescriptorType(a)).ToList();

    /// <summary>With -SetEnvironment: puts the credentials into this session's AWS_* variables.</summary>
    protected void ApplyEnvironment(Credentials credentials, string description)
    {
        if (!ShouldProcess("AWS_* environment variables of this session", $"Set the credentials of {description}")) return;
        var log = new BufferedLog();
        try
        {
            Service.SetEnvironment(credentials, Region, log, description);
        }
        finally
        {
            Flush(log);
        }
    }

    /// <summary>Writes buffered engine messages on the pipeline thread.</summary>
    private protected void Flush(BufferedLog log)
    {
        while (log.TryTake(out var kind, out var text))
        {
            switch (kind)
            {
                case LogKind.Verbose: WriteVerbose(text); break;
                case LogKind.Warning: WriteWarning(text); break;
                default: WriteDebug(text); break;
            }
        }
    }

    /// <summary>Ctrl+C: cancels the call in flight.</summary>
    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>Releases the cancellation source.</summary>
    public void Dispose() => _stopping.Dispose();
}
