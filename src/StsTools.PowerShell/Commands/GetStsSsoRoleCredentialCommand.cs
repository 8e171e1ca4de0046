using System;
using System.Management.Automation;
using StsTools.Model;
using StsTools.PowerShell.Internal;
using StsTools.Errors;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Gets a role's temporary credentials through IAM Identity Center (the portal's GetRoleCredentials), for one account or every piped one.
/// </summary>
[Cmdlet(VerbsCommon.Get, "StsSsoRoleCredential", SupportsShouldProcess = true)]
[OutputType(typeof(SsoRoleCredentials))]
public sealed class GetStsSsoRoleCredentialCommand : SsoCmdletBase
{
    /// <summary>The account (12 digits); binds from piped accounts and roles. Default: the profile's sso_account_id.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public string? AccountId { get; set; }

    /// <summary>The role (permission set) name; binds from piped roles. Default: the profile's sso_role_name.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public string? RoleName { get; set; }

    /// <summary>Call IAM Identity Center even when cached credentials would do.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>For piped accounts or roles: how many calls may be in flight at once (1 to 64; default 1). Results come in input order.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 1;

    /// <summary>Also put the credentials into this session's AWS_* environment variables.</summary>
    [Parameter]
    public SwitchParameter SetEnvironment { get; set; }

    /// <summary>With -SetEnvironment, also write the result.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private FanOut<SsoRoleCredentials>? _fanOut;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var settings = Settings();
        var line = AccountId?.Trim();
        if (line is not null && MyInvocation.ExpectingInput && AccountLines.IsNoAccount(line)) return;
        var account = string.IsNullOrEmpty(line) ? settings.AccountId : line;
        var role = string.IsNullOrEmpty(RoleName) ? settings.RoleName : RoleName;
        if (string.IsNullOrEmpty(account) || string.IsNullOrEmpty(role))
        {
            ThrowTerminatingError(new ErrorRecord(new PSArgumentException(
                $"Give -AccountId and -RoleName (or pipe accounts or roles){(settings.ProfileName is null ? string.Empty : $", or add sso_account_id and sso_role_name to profile '{settings.ProfileName}'")}."),
                ErrorIds.MissingRoleTarget, ErrorCategory.InvalidArgument, settings.DisplayName));
            return;
        }
        var action = SetEnvironment ? "GetRoleCredentials, then set this session's AWS_* environment variables to the credentials" : "GetRoleCredentials";
        if (!ShouldProcess($"{account}/{role} through {settings.DisplayName}", action)) return;
        var connection = SsoConnection;
        var force = Force.IsPresent;
        Func<StsTools.Service.IStsLog, System.Threading.CancellationToken, System.Threading.Tasks.Task<SsoRoleCredentials>> fetch =
            (log, ct) => Service.GetSsoRoleCredentialsAsync(settings, account!, role!, connection, log, ct, force);
        if (MyInvocation.ExpectingInput && ThrottleLimit > 1 && !SetEnvironment)
        {
            _fanOut ??= new FanOut<SsoRoleCredentials>(this, ThrottleLimit, StopToken);
            _fanOut.Add(fetch, Done);
            return;
        }
        var result = Run(fetch, MyInvocation.ExpectingInput ? OnFailure.ItemsOwn : OnFailure.EndCommand);
        if (result is null) return;
        if (SetEnvironment)
        {
            var identity = $"{result.AccountId}/{result.RoleName} (IAM Identity Center)";
            PutInEnvironment(result.Credentials, Service.RegionOf(result), identity);
            if (!PassThru) return;
        }
        WriteObject(result);
    }

    private void Done(SsoRoleCredentials? result, Exception? failure)
    {
        if (failure is null) WriteObject(result);
        else FanOut<SsoRoleCredentials>.Settle(this, failure, StopToken);
    }

    /// <inheritdoc />
    protected override void EndProcessing() => _fanOut?.Complete();
}
