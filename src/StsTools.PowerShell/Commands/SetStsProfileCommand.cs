using System;
using System.Management.Automation;
using StsTools.Model;
using StsTools.PowerShell.Completion;
using StsTools.PowerShell.Transformation;
using StsTools.Profiles;
using StsTools.Errors;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Writes credentials into the shared AWS credentials file as a profile, keeping every other profile and comment.
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

    /// <summary>The profile's region in the config file; default the region of the call that produced the credentials.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    /// <summary>Replace a profile that holds long-term keys (an IAM user's key pair) too.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    // Replacing an IAM user's keys cannot be undone (the secret is not kept anywhere else): confirm
    // it as PowerShell confirms a High-impact change, since the cmdlet itself is only Medium.
    private bool ConfirmReplacingLongTermKeys(string path)
    {
        if (MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm))
            return true; // -Confirm:$false says no prompt; -Confirm already asked in ShouldProcess
        if (GetVariableValue("ConfirmPreference") is ConfirmImpact preference && preference == ConfirmImpact.None) return true;
        try
        {
            return ShouldContinue($"Profile [{ProfileName}] in '{path}' holds long-term keys. Replace them with {InputObject.AccessKeyId}? The old secret cannot be recovered from the file afterwards.",
                "Replace long-term keys");
        }
        // -NonInteractive throws PSInvalidOperationException; a console host whose input is closed
        // or redirected fails in other ways. Either way nobody can answer.
        catch (Exception ex) when (ex is PSInvalidOperationException or System.Management.Automation.Host.HostException or NotImplementedException or InvalidOperationException or NullReferenceException)
        {
            ThrowTerminatingError(new ErrorRecord(
                new PSInvalidOperationException($"Replacing the long-term keys of profile [{ProfileName}] needs confirmation, and this session cannot prompt: add -Confirm:$false to -Force."),
                ErrorIds.ConfirmationRequired, ErrorCategory.InvalidOperation, ProfileName));
            return false;
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var path = SharedFiles.CredentialsPath(Service.Environment);
        if (!ShouldProcess(path, $"Write profile [{ProfileName}] with {InputObject}")) return;
        if (Force && Run(_ => CredentialsFileWriter.WouldReplaceLongTermKeys(ProfileName, InputObject, Service.Environment)) && !ConfirmReplacingLongTermKeys(path)) return;
        WarnIfExpired(InputObject, $"of {InputObject.AccessKeyId}");
        var written = Run((log, ct) => CredentialsFileWriter.SetProfileAsync(ProfileName, InputObject, Service.Environment, ct, replaceLongTermKeys: Force, log: log));
        if (written is null) return; // stopped
        WriteVerbose($"Wrote profile [{ProfileName}] to {written} (owner-only).");
        // The region the credentials came with (or -Region), where boto3 and the AWS CLI read it:
        // without one they stop at NoRegionError.
        var region = Region ?? Service.RegionOf(InputObject);
        if (region is null)
        {
            WriteVerbose($"No region written for [{ProfileName}]: these credentials do not say where they came from; give -Region to set one.");
            return;
        }
        var config = Run((log, ct) => CredentialsFileWriter.SetRegionAsync(ProfileName, region, Service.Environment, ct, log));
        if (config is not null) WriteVerbose($"Set region = {region} for profile [{ProfileName}] in {config}.");
    }
}
