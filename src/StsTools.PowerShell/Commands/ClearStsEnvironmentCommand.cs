using System.Management.Automation;
using StsTools.PowerShell.Internal;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Gives the AWS_* variables back as they were before the module set credentials, or removes the credential variables.
/// </summary>
[Cmdlet(VerbsCommon.Clear, "StsEnvironment", SupportsShouldProcess = true)]
public sealed class ClearStsEnvironmentCommand : LocalCmdletBase
{
    /// <summary>Also remove AWS_REGION and AWS_DEFAULT_REGION.</summary>
    [Parameter]
    public SwitchParameter IncludeRegion { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (!ShouldProcess("AWS_* environment variables of this session", "Remove the credentials")) return;
        var owner = RunspaceOwner.Current;
        Run((log, ct) => Service.ClearEnvironmentAsync(IncludeRegion, owner, log, ct, RunspaceOwner.IsFirst));
        if (!Service.EnvironmentGate.IsStanding(owner)) RunspaceOwner.UnmarkStanding(owner);
    }
}
