using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using StsTools.Connection;
using StsTools.Errors;
using StsTools.PowerShell.Internal;
using StsTools.Service;
using StsTools.Model;
using StsTools.PowerShell.Transformation;
using StsTools.Requests;
using StsTools.Validation;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Assumes an IAM role (STS AssumeRole) and returns its temporary credentials.
/// </summary>
[Cmdlet(VerbsOther.Use, "StsRole", SupportsShouldProcess = true, DefaultParameterSetName = ProfileSet)]
[OutputType(typeof(AssumeRoleResponse))]
public sealed class UseStsRoleCommand : CredentialPipelineCmdletBase
{
    // -RoleArn and -AccountId/-RoleName are not parameter sets of their own: crossed with the three
    // credential-source sets, PowerShell's binder cannot choose between two non-default sets that
    // both take a piped string (`$arns | Use-StsRole -Credential $c` fails). They are exclusive at
    // run time instead (ConflictingRoleTarget).

    /// <summary>The ARN of the role to assume; taken from the role profile when only -ProfileName is given. With -RoleName, a piped 12-digit account id.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public string? RoleArn { get; set; }

    /// <summary>The account of the role (12 digits), with -RoleName instead of -RoleArn. Binds from AccountId/Id properties; piped text lines reach it through -RoleArn.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    public string? AccountId { get; set; }

    /// <summary>The role's name (with its path, if any) in -AccountId; the ARN is built in the partition of the region in use.</summary>
    [Parameter]
    public string? RoleName { get; set; }

    /// <summary>The session name; defaults to StsModule-&lt;user name&gt;.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public string? RoleSessionName { get; set; }

    /// <summary>ARNs of managed policies that further limit the session.</summary>
    [Parameter]
    [Alias("PolicyArns")] // the STS field name
    public string[]? PolicyArn { get; set; }

    /// <summary>An inline session policy (JSON text).</summary>
    [Parameter]
    public string? Policy { get; set; }

    /// <summary>Session length in seconds, 900 to 43200.</summary>
    [Parameter]
    [Alias("DurationInSeconds")] // AWS.Tools' name
    [ValidateRange(900, 43200)]
    public int DurationSeconds { get; set; }

    /// <summary>Session tags: @{Name='Value'}, 'Name=Value' or tag objects.</summary>
    [Parameter]
    [TagsTransformation]
    [Alias("Tags")] // the STS field name
    public Tag[]? Tag { get; set; }

    /// <summary>Tag keys that persist through role chaining.</summary>
    [Parameter]
    [Alias("TransitiveTagKeys")] // the STS field name
    public string[]? TransitiveTagKey { get; set; }

    /// <summary>The external id the role's trust policy requires.</summary>
    [Parameter]
    public string? ExternalId { get; set; }

    /// <summary>The MFA device serial number or ARN.</summary>
    [Parameter]
    public string? SerialNumber { get; set; }

    /// <summary>The six-digit code shown by the MFA device.</summary>
    [Parameter]
    public string? TokenCode { get; set; }

    /// <summary>The source identity to stamp on the session.</summary>
    [Parameter]
    public string? SourceIdentity { get; set; }

    /// <summary>Trusted context assertions: @{ProviderArn='...'; ContextAssertion='...'}.</summary>
    [Parameter]
    [Alias("ProvidedContexts")] // the STS field name
    public ProvidedContext[]? ProvidedContext { get; set; }

    /// <summary>Also put the new credentials into this session's AWS_* environment variables.</summary>
    [Parameter]
    public SwitchParameter SetEnvironment { get; set; }

    /// <summary>With -SetEnvironment, also write the result (without it, -SetEnvironment writes nothing).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Call STS even when a cached session would do (boto's force_new).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>For piped roles or accounts: how many AssumeRole calls may be in flight at once (1 to 64; default 1). Results come in input order.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 1;

    // Whether -RoleArn and -AccountId were typed (bound before any pipeline input arrives).
    private bool _roleArnOnCommandLine;
    private bool _accountIdOnCommandLine;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _roleArnOnCommandLine = IsBound(nameof(RoleArn));
        _accountIdOnCommandLine = IsBound(nameof(AccountId));
    }

    // Up to -ThrottleLimit calls in flight for piped items (not with -SetEnvironment, whose
    // writes must come one after another).
    private FanOut<AssumeRoleResponse>? _fanOut;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        // Each piped item is one request: its failure (a bad account id, a role that does not
        // exist, AccessDenied on it) is that item's non-terminating error and the next goes on;
        // a failure every item would share terminates. A single call's failure always terminates,
        // so a runbook never carries on as the identity it had before.
        var perItem = MyInvocation.ExpectingInput;
        string? roleArn;
        try
        {
            if (!RoleTarget(out roleArn)) return; // a blank or comment line of an accounts file
        }
        catch (StsToolsException ex)
        {
            Settle<object>(ex, perItem ? OnFailure.ItemsOwn : OnFailure.EndCommand);
            return;
        }
        // -WhatIf names what the call would really use: a role profile's role_arn and
        // role_session_name (read here only when the text is shown: the engine reads it again).
        var profile = roleArn is null && ProfileName is not null && ShowsShouldProcessText ? Run(_ => StsTools.Profiles.RoleProfile.Find(ProfileName, Service.EnvironmentFor(Connection))) : null;
        var sessionName = RoleSessionName ?? profile?.RoleSessionName ?? SessionNames.Default();
        var target = roleArn ?? (profile is null ? $"the role of profile '{ProfileName}'" : $"{profile.RoleArn} (profile '{ProfileName}')");
        if (!ShouldCall($"AssumeRole as session '{sessionName}' with the credentials of {(profile is null ? SourceDescription : $"profile '{profile.SourceProfile ?? profile.CredentialSource}'")}", target, SetEnvironment)) return;
        var request = new AssumeRoleRequest
        {
            RoleArn = roleArn ?? string.Empty,
            RoleSessionName = RoleSessionName,
            PolicyArns = Policies(PolicyArn),
            Policy = Policy,
            DurationSeconds = IsBound(nameof(DurationSeconds)) ? DurationSeconds : null,
            Tags = (Tag ?? new Tag[0]).ToList(),
            TransitiveTagKeys = (TransitiveTagKey ?? new string[0]).ToList(),
            ExternalId = ExternalId,
            SerialNumber = SerialNumber,
            TokenCode = TokenCode,
            SourceIdentity = SourceIdentity,
            ProvidedContexts = (ProvidedContext ?? new ProvidedContext[0]).ToList(),
        };
        // -ProfileName alone names a role profile to follow, as `aws --profile prod` does;
        // with -RoleArn it is only where the source credentials come from.
        var fromProfile = roleArn is null && ProfileName is not null;
        StsCall<AssumeRoleResponse> call = (service, connection, log, ct) => fromProfile
            ? service.AssumeRoleFromProfileAsync(ProfileName!, request, connection, log, ct, Force)
            : service.AssumeRoleAsync(request, connection, log, ct, Force);
        if (perItem && ThrottleLimit > 1 && !SetEnvironment)
        {
            _fanOut ??= new FanOut<AssumeRoleResponse>(this, ThrottleLimit, StopToken);
            var connection = Connection;
            _fanOut.Add((log, ct) => call(Service, connection, log, ct), (response, failure) => Done(response, failure, request, call));
            return;
        }
        var response = Call(call, perItem ? OnFailure.ItemsOwn : OnFailure.EndCommand, code => TokenCodeFor(request, fromProfile, code));
        WriteCredentialsResult(response, SetEnvironment, PassThru, r => r.AssumedRoleUser.Arn);
    }

    // A fanned-out call ended (on the pipeline thread): its result, its own failure, or one that
    // ends the command. A role that needs an MFA code asks for it here and calls again.
    private void Done(AssumeRoleResponse? response, Exception? failure, AssumeRoleRequest request,
        StsCall<AssumeRoleResponse> call)
    {
        switch (failure)
        {
            case null:
                WriteObject(response);
                return;
            case StsValidationException { ErrorId: ErrorIds.SerialNumberWithoutTokenCode }:
                WriteCredentialsResult(Call(call, OnFailure.ItemsOwn, code => TokenCodeFor(request, false, code)), false, false, r => r.AssumedRoleUser.Arn);
                return;
            default:
                FanOut<AssumeRoleResponse>.Settle(this, failure, StopToken);
                return;
        }
    }

    // Whose MFA code was typed: with -RoleArn (or -RoleName) and -ProfileName of a role profile
    // with mfa_serial, and no -SerialNumber of the call's own, the code is the source profile's
    // (its MFA session signs the call); otherwise it belongs to this AssumeRole request.
    private void TokenCodeFor(AssumeRoleRequest request, bool fromProfile, string code)
    {
        if (!fromProfile && request.SerialNumber is null && ProfileName is not null) UseProfileTokenCode(code);
        else request.TokenCode = code;
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        _fanOut?.Complete();
        base.EndProcessing();
    }

    // The role ARN from -RoleArn, or built from -AccountId and -RoleName. A piped text line binds
    // to -RoleArn; with -RoleName it is the account id (`Get-Content accounts.txt | Use-StsRole
    // -RoleName Admin`), where blank and '#' comment lines are skipped (false). Null: the role of
    // the profile -ProfileName names.
    private bool RoleTarget(out string? roleArn)
    {
        var account = AccountId;
        roleArn = RoleArn;
        // A piped object with an AccountId property also reaches -RoleArn as its text (PowerShell
        // binds whole pipeline objects to a string parameter by calling ToString): that is not an ARN.
        var piped = !_roleArnOnCommandLine && roleArn is not null;
        // With a typed -RoleArn, a piped object's AccountId is the account of the credentials it
        // carries (Get-StsSsoRoleCredential ... | Use-StsRole -RoleArn ...), not the role's.
        if (_roleArnOnCommandLine && !_accountIdOnCommandLine) account = null;
        if (piped && account is not null && !roleArn!.StartsWith("arn:", StringComparison.Ordinal)) roleArn = null;
        // With -RoleName, every piped line is an account id (a role ARN among them is not one).
        if (piped && RoleName is not null && account is null)
        {
            if (AccountLines.IsNoAccount(roleArn!)) return false;
            account = roleArn!.Trim();
            roleArn = null;
        }
        if (roleArn is not null && (RoleName is not null || account is not null))
            ThrowTerminatingError(new ErrorRecord(
                new PSArgumentException("Give the role either as -RoleArn or as -AccountId with -RoleName, not both."),
                ErrorIds.ConflictingRoleTarget, ErrorCategory.InvalidArgument, roleArn));
        if (account is not null && RoleName is null)
            ThrowTerminatingError(new ErrorRecord(
                new PSArgumentException($"-AccountId {account} needs -RoleName (the role's name in that account)."),
                ErrorIds.RoleNameRequired, ErrorCategory.InvalidArgument, account));
        if (RoleName is not null) roleArn = Service.RoleArnFor(account ?? string.Empty, RoleName, Connection);
        return true;
    }
}
