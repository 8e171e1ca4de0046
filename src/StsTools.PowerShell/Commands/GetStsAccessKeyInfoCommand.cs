using System.Management.Automation;
using StsTools.Model;
using StsTools.PowerShell.Transformation;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Returns the account that owns an access key id (STS GetAccessKeyInfo).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "StsAccessKeyInfo")]
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
        var response = Invoke((service, connection, log, ct) => service.GetAccessKeyInfoAsync(AccessKeyId, connection, log, ct));
        if (response is not null) WriteObject(response);
    }
}
