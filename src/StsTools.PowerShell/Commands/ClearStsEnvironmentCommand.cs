using System.Management.Automation;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Removes the AWS credential variables from this session's environment.</para>
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
        Run(log => Service.ClearEnvironment(IncludeRegion, log));
    }
}
