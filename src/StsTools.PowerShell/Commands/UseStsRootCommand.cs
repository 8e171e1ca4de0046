using System.Management.Automation;
using StsTools.Model;
using StsTools.PowerShell.Completion;
using StsTools.Requests;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Starts a short privileged root session in a member account for one root task (STS AssumeRoot).
/// </summary>
[Cmdlet(VerbsOther.Use, "StsRoot", DefaultParameterSetName = ProfileSet, SupportsShouldProcess = true)]
[OutputType(typeof(AssumeRootResponse))]
public sealed class UseStsRootCommand : CredentialPipelineCmdletBase
{
    /// <summary>The member account id (or its principal ARN).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string TargetPrincipal { get; set; } = string.Empty;

    /// <summary>The root task policy: a short name such as IAMAuditRootUserCredentials, or its ARN.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ArgumentCompleter(typeof(RootTaskPolicyCompleter))]
    public string TaskPolicyArn { get; set; } = string.Empty;

    /// <summary>Session length in seconds, 0 to 900.</summary>
    [Parameter]
    [Alias("DurationInSeconds")] // AWS.Tools' name
    [ValidateRange(0, 900)]
    public int DurationSeconds { get; set; }

    /// <summary>Also put the new credentials into this session's AWS_* environment variables.</summary>
    [Parameter]
    public SwitchParameter SetEnvironment { get; set; }

    /// <summary>With -SetEnvironment, also write the result (without it, -SetEnvironment writes nothing).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (!ShouldCall($"AssumeRoot for task policy {TaskPolicyArn}", TargetPrincipal, SetEnvironment)) return;
        var request = new AssumeRootRequest
        {
            TargetPrincipal = TargetPrincipal,
            TaskPolicyArn = new PolicyDescriptorType(TaskPolicyArn),
            DurationSeconds = IsBound(nameof(DurationSeconds)) ? DurationSeconds : null,
        };
        var response = Call((service, connection, log, ct) => service.AssumeRootAsync(request, connection, log, ct));
        WriteCredentialsResult(response, SetEnvironment, PassThru, _ => "root of " + TargetPrincipal);
    }
}
