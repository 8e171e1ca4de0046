using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using StsTools.Input;
using StsTools.Model;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Decodes an "encoded authorization failure message" (STS DecodeAuthorizationMessage).
/// </summary>
[Cmdlet(VerbsData.ConvertFrom, "StsAuthorizationMessage", DefaultParameterSetName = ProfileSet)]
[OutputType(typeof(DecodeAuthorizationMessageResponse), typeof(PSObject))]
public sealed class ConvertFromStsAuthorizationMessageCommand : SubjectPipelineCmdletBase
{
    /// <summary>The encoded message, or a whole error text that contains one.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public string EncodedMessage { get; set; } = string.Empty;

    /// <summary>Output the decoded JSON as an object to drill into instead of the response.</summary>
    [Parameter]
    public SwitchParameter AsObject { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var encoded = AuthorizationMessages.Extract(EncodedMessage);
        var response = Call((service, connection, log, ct) => service.DecodeAuthorizationMessageAsync(encoded, connection, log, ct), OnFailure.ItemsOwn, subjectParameter: nameof(EncodedMessage));
        if (response is null) return;
        if (!AsObject)
        {
            WriteObject(response);
            return;
        }
        var tree = Run(_ => JsonTree.Parse(response.DecodedMessage));
        WriteObject(ToPSObject(tree));
    }

    // The engine's plain JSON tree (name/value lists, arrays, scalars) as PSCustomObjects.
    private static object? ToPSObject(object? value)
    {
        switch (value)
        {
            case List<KeyValuePair<string, object?>> members:
                var obj = new PSObject();
                foreach (var m in members) obj.Properties.Add(new PSNoteProperty(m.Key, ToPSObject(m.Value)));
                return obj;
            case object?[] items:
                return items.Select(ToPSObject).ToArray();
            default:
                return value;
        }
    }
}
