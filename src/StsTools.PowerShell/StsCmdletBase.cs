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
/// The parameters every cmdlet that calls STS shares (where to call it and as whom) and the one
/// way they call it, <see cref="Call{T}"/>: asynchronously (<see cref="EngineCall"/>), cancellable
/// with Ctrl+C, engine messages written on the pipeline thread as they come, an MFA code asked for
/// when a call needs one, failures as <see cref="OnFailure"/> says (by default terminating: a failed
/// credential call must stop a runbook, not let it carry on as the previous identity).
/// </summary>
public abstract class StsCmdletBase : StsModuleCmdlet
{
    /// <summary>The AWS region whose STS endpoint to call.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    /// <summary>
    /// A profile in the shared AWS config/credentials files: its region, and for the signed
    /// operations the credentials to sign with (<see cref="SignedCmdletBase"/> puts it in its own
    /// parameter set).
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public virtual string? ProfileName { get; set; }

    /// <summary>A custom STS endpoint URL (VPC endpoint, FIPS endpoint, local emulator).</summary>
    [Parameter]
    public string? EndpointUrl { get; set; }

    /// <summary>Accept a plain-http endpoint on a host other than this machine (with a warning).</summary>
    [Parameter]
    public SwitchParameter AllowInsecureEndpoint { get; set; }

    /// <summary>Seconds one HTTP attempt may take (1 to 3600); default STSMODULE_TIMEOUT_SECONDS, else 30.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSeconds { get; set; }

    /// <summary>The -Credential value of a signed operation; none for the unsigned ones.</summary>
    protected virtual Credentials? SourceCredential => null;

    /// <summary>Puts -AccessKey/-SecretKey/-SessionToken of a signed operation into the options; the unsigned ones have none.</summary>
    private protected virtual void AddSourceKeys(ConnectionOptions options) { }

    // The MFA code typed at the prompt for the role profile -ProfileName names.
    private string? _profileTokenCode;

    /// <summary>Hands an MFA code typed at the prompt to the role profile -ProfileName names (its source's MFA), not to the request.</summary>
    private protected void UseProfileTokenCode(string code) => _profileTokenCode = code;

    /// <summary>The common parameters as the engine's plain type.</summary>
    private protected ConnectionOptions Connection
    {
        get
        {
            var options = new ConnectionOptions
            {
                Region = Region,
                ProfileName = ProfileName,
                ProfileTokenCode = _profileTokenCode,
                Credential = SourceCredential,
                EndpointUrl = EndpointUrl,
                AllowInsecureEndpoint = AllowInsecureEndpoint,
                TimeoutSeconds = IsBound(nameof(TimeoutSeconds)) ? TimeoutSeconds : null,
                EnvironmentOwner = RunspaceOwner.Current,
            };
            AddSourceKeys(options);
            return options;
        }
    }

    /// <summary>True when the user passed the parameter (tells "0" from "not given").</summary>
    protected bool IsBound(string parameterName) => MyInvocation.BoundParameters.ContainsKey(parameterName);

    /// <summary>
    /// Calls STS with the command's connection (<see cref="Connection"/>). When the call needs an
    /// MFA code that was not given and no cached session could serve it, asks for the code once
    /// (an interactive session only) and calls again: the code goes to <paramref name="useTokenCode"/>
    /// (the request's), or without it to the role profile -ProfileName names (its source's MFA
    /// session). A failure is handled as <paramref name="onFailure"/> says (see
    /// <see cref="StsModuleCmdlet.Settle{T}"/> for <paramref name="subjectParameter"/>). Returns null
    /// when the user stopped the command, or after a non-terminating error.
    /// </summary>
    private protected T? Call<T>(StsCall<T> call, OnFailure onFailure = OnFailure.EndCommand, Action<string>? useTokenCode = null, string? subjectParameter = null) where T : class
    {
        var codeTo = useTokenCode ?? (ProfileName is not null && _profileTokenCode is null ? code => _profileTokenCode = code : null);
        try
        {
            return Execute(call);
        }
        catch (StsValidationException ex) when (ex.ErrorId == ErrorIds.SerialNumberWithoutTokenCode && codeTo is not null && onFailure != OnFailure.Throw)
        {
            var code = PromptForMfaCode(ex.TargetObject as string ?? "your MFA device");
            if (code is null) return Settle<T>(ex, OnFailure.EndCommand);
            codeTo(code);
            return Call(call, onFailure, null, subjectParameter);
        }
        catch (StsToolsException ex) when (onFailure != OnFailure.Throw)
        {
            return Settle<T>(ex, onFailure, subjectParameter);
        }
    }

    // The call itself, its messages written as they come; null when the user stopped it.
    private T? Execute<T>(StsCall<T> call) where T : class
    {
        WarnIfSourceExpired();
        try
        {
            var connection = Connection;
            return EngineCall.Run<T?>(this, log => call(Service, connection, log, StopToken)!);
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private bool _expiryChecked;

    // Before signing with credentials known to have expired (-Credential, or the AWS_* variables
    // with AWS_CREDENTIAL_EXPIRATION), say so once per command, in the words Invoke-StsCommand and
    // Set-StsEnvironment use: STS would answer ExpiredToken, which says less.
    private void WarnIfSourceExpired()
    {
        if (_expiryChecked || this is not SignedCmdletBase) return;
        _expiryChecked = true;
        if (SourceCredential is { } given)
        {
            if (Expiry.Warning(given, $"of {given.AccessKeyId} (-Credential)") is { } warning) WriteWarning(warning);
            return;
        }
        if (ProfileName is not null || MyInvocation.BoundParameters.ContainsKey("AccessKey")) return;
        if (Env.CredentialEnvironment.Read(Service.EnvironmentGate.ViewFor(RunspaceOwner.Current)) is { } fromEnvironment
            && Expiry.Warning(fromEnvironment, $"of {fromEnvironment.AccessKeyId} in AWS_ACCESS_KEY_ID (AWS_CREDENTIAL_EXPIRATION)") is { } expired)
            WriteWarning(expired);
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
                ? (PSObjects.Unwrap(value) is System.Security.SecureString secure ? Secret.Reveal(secure) : value?.ToString())?.Trim()
                : null;
            return string.IsNullOrEmpty(code) ? null : code;
        }
        catch (Exception ex) when (ex is PSInvalidOperationException or HostException or NotImplementedException or InvalidOperationException)
        {
            return null; // -NonInteractive, a runbook host, redirected input
        }
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

    /// <summary>-PolicyArn as the engine's policy descriptors.</summary>
    protected static List<PolicyDescriptorType> Policies(string[]? arns) =>
        (arns ?? new string[0]).Select(a => new PolicyDescriptorType(a)).ToList();

    // ShouldCall asked about the call and the environment write together.
    private bool _callConfirmed;

    /// <summary>
    /// ShouldProcess for the STS call itself (and the environment write with -SetEnvironment), asked
    /// before anything happens: under -WhatIf there is no call, no MFA prompt and no change, and
    /// -Confirm asks once for both.
    /// </summary>
    protected bool ShouldCall(string operation, string target, bool setEnvironment)
    {
        var action = setEnvironment ? $"{operation}, then set this session's AWS_* environment variables to the credentials" : operation;
        _callConfirmed = ShouldProcess(target, action);
        return _callConfirmed;
    }

    /// <summary>
    /// Whether ShouldProcess will show its text (-WhatIf, -Confirm, or the preference variables
    /// that turn them on for a Medium-impact command): only then is it worth reading files for it.
    /// </summary>
    protected bool ShowsShouldProcessText =>
        IsBound("WhatIf") || IsBound("Confirm") || LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"))
        || GetVariableValue("ConfirmPreference") is ConfirmImpact preference && preference != ConfirmImpact.None && preference <= ConfirmImpact.Medium
        // ShouldProcess writes the same text as a verbose message.
        || (MyInvocation.BoundParameters.TryGetValue("Verbose", out var verbose) ? LanguagePrimitives.IsTrue(verbose)
            : GetVariableValue("VerbosePreference") is ActionPreference shown && shown is not (ActionPreference.SilentlyContinue or ActionPreference.Ignore));

    /// <summary>Where the credentials that sign the call come from, for -WhatIf and -Confirm (no secret).</summary>
    protected string SourceDescription =>
        ProfileName is not null ? $"profile '{ProfileName}'"
        : SourceCredential is { } given ? $"the -Credential of access key {Mask(given.AccessKeyId)}"
        : MyInvocation.BoundParameters.TryGetValue("AccessKey", out var key) && key is string accessKey ? $"access key {Mask(accessKey)}"
        : "the default credentials (the AWS_* variables, AWS_PROFILE or the default profile)";

    private static string Mask(string accessKey) =>
        accessKey.Length <= 8 ? accessKey : accessKey.Substring(0, 4) + "..." + accessKey.Substring(accessKey.Length - 4);

    /// <summary>With -SetEnvironment: puts the credentials into this session's AWS_* variables.</summary>
    protected void ApplyEnvironment(Credentials credentials, string description)
    {
        if (!_callConfirmed && !ShouldProcess("AWS_* environment variables of this session", $"Set the credentials of {description}")) return;
        PutInEnvironment(credentials, Region, description);
    }
}
