using System.Management.Automation;
using StsTools.Model;
using StsTools.PowerShell.Completion;
using StsTools.PowerShell.Internal;
using StsTools.PowerShell.Transformation;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Puts credentials into this session's AWS_* environment variables, for the AWS CLI, SDKs and later commands.
/// </summary>
[Cmdlet(VerbsCommon.Set, "StsEnvironment", SupportsShouldProcess = true)]
public sealed class SetStsEnvironmentCommand : LocalCmdletBase
{
    /// <summary>The credentials, or any response that carries them.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Credentials", "Credential")]
    [CredentialsTransformation]
    public Credentials InputObject { get; set; } = new();

    /// <summary>Also set AWS_REGION and AWS_DEFAULT_REGION.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (!ShouldProcess("AWS_* environment variables of this session", $"Set the credentials {InputObject}")) return;
        WarnIfExpired(InputObject, $"of {InputObject.AccessKeyId}");
        PutInEnvironment(InputObject, Region, null);
    }
}
