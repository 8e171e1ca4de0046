using System.Management.Automation;
using StsTools.Model;
using StsTools.PowerShell.Transformation;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Returns the account that owns an access key id (STS GetAccessKeyInfo).
/// </summary>
[Cmdlet(VerbsCommon.Get, "StsAccessKeyInfo", DefaultParameterSetName = ProfileSet)]
[OutputType(typeof(GetAccessKeyInfoResponse))]
public sealed class GetStsAccessKeyInfoCommand : SubjectPipelineCmdletBase
{
    /// <summary>The access key id; also taken from any piped credentials object or response.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [AccessKeyIdTransformation]
    public string AccessKeyId { get; set; } = string.Empty;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var response = Call((service, connection, log, ct) => service.GetAccessKeyInfoAsync(AccessKeyId, connection, log, ct), OnFailure.ItemsOwn, subjectParameter: nameof(AccessKeyId));
        if (response is null) return;
        // The STS response holds only the account; with many keys piped in, each result must say
        // which key it answers for. A note property keeps the .NET type the exact STS shape.
        var result = PSObject.AsPSObject(response);
        result.Properties.Add(new PSNoteProperty("AccessKeyId", AccessKeyId));
        WriteObject(result);
    }
}
