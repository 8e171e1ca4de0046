using System.Management.Automation;
using StsTools.Model;
using StsTools.Storage;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Reads credentials saved by Export-StsCredential (boto's load), either format.</para>
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
        var credentials = RunForItem(_ => CredentialFile.Load(full));
        if (credentials is null) return;
        WarnIfExpired(credentials, $"in {full}");
        WriteObject(credentials);
    }
}
