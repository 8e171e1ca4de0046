using System.Management.Automation;
using StsTools.Model;
using StsTools.PowerShell.Transformation;
using StsTools.Storage;
using StsTools.Errors;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Saves credentials as owner-only JSON (boto's save), or prints the AWS credential_process JSON.
/// </summary>
[Cmdlet(VerbsData.Export, "StsCredential", SupportsShouldProcess = true)]
[OutputType(typeof(string))]
public sealed class ExportStsCredentialCommand : LocalCmdletBase
{
    /// <summary>The credentials, or any response that carries them.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Credentials", "Credential")]
    [CredentialsTransformation]
    public Credentials InputObject { get; set; } = new();

    /// <summary>The file to write; without it the JSON is written to the output.</summary>
    [Parameter(Position = 0)]
    public string? Path { get; set; }

    /// <summary>Json (the module's own) or CredentialProcess (AWS credential_process, Version 1).</summary>
    [Parameter]
    public CredentialFileFormat Format { get; set; } = CredentialFileFormat.Json;

    /// <summary>Do not replace an existing file (as Export-Csv -NoClobber).</summary>
    [Parameter]
    [Alias("NoOverwrite")]
    public SwitchParameter NoClobber { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (Path is null)
        {
            WriteObject(Run(_ => CredentialFile.Serialize(InputObject, Format)));
            return;
        }
        var target = ResolvePath(Path);
        if (NoClobber && System.IO.File.Exists(target))
        {
            // Before ShouldProcess: -WhatIf -NoClobber says the same thing the real run would.
            ThrowTerminatingError(new ErrorRecord(
                new System.IO.IOException($"The file '{target}' already exists and -NoClobber was given; it was left as it is."),
                ErrorIds.FileExists, ErrorCategory.ResourceExists, target));
        }
        if (!ShouldProcess(target, $"Write the credentials of {InputObject.AccessKeyId} ({Format})")) return;
        Run(_ => { CredentialFile.Save(target, InputObject, Format); return true; });
        WriteVerbose($"Wrote {InputObject} to {target} (owner-only).");
    }
}
