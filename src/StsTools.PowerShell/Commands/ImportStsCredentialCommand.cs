using System.Management.Automation;
using StsTools.Model;
using StsTools.Storage;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Reads credentials saved by Export-StsCredential (boto's load), either format.
/// </summary>
[Cmdlet(VerbsData.Import, "StsCredential")]
[OutputType(typeof(Credentials))]
public sealed class ImportStsCredentialCommand : LocalCmdletBase
{
    /// <summary>The file to read.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    public string Path { get; set; } = string.Empty;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var full = ResolvePath(Path);
        var credentials = Run(_ => CredentialFile.Load(full), OnFailure.WriteError);
        if (credentials is null) return;
        // Credentials another user could have written are someone else's choice of identity.
        if (Run(_ => PrivateDirectory.Exposure(full)) is { } why)
            WriteWarning($"'{full}' could have been written by someone else: {why}. The credentials in it may not be yours; make the file yours and owner-only (chmod 600), in a folder of your own.");
        WarnIfExpired(credentials, $"in {full}");
        WriteObject(credentials);
    }
}
