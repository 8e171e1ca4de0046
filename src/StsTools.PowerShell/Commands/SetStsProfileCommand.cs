using System.Management.Automation;
using StsTools.Model;
using StsTools.PowerShell.Completion;
using StsTools.PowerShell.Transformation;
using StsTools.Profiles;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Writes credentials into the shared AWS credentials file as a profile, keeping every other profile and comment.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "StsProfile", SupportsShouldProcess = true)]
public sealed class SetStsProfileCommand : LocalCmdletBase
{
    /// <summary>The profile to write (created when missing).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string ProfileName { get; set; } = string.Empty;

    /// <summary>The credentials, or any response that carries them.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Credentials", "Credential")]
    [CredentialsTransformation]
    public Credentials InputObject { get; set; } = new();

    /// <summary>Replace a profile that holds long-term keys (an IAM user's key pair) too.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var path = SharedFiles.CredentialsPath(Service.Environment);
        if (!ShouldProcess(path, $"Write profile [{ProfileName}] with {InputObject}")) return;
        var written = RunAsync((_, ct) => CredentialsFileWriter.SetProfileAsync(ProfileName, InputObject, Service.Environment, ct, replaceLongTermKeys: Force));
        WriteVerbose($"Wrote profile [{ProfileName}] to {written} (owner-only).");
    }
}
