using System.Linq;
using System.Management.Automation;
using StsTools.Input;
using StsTools.PowerShell.Completion;
using StsTools.Errors;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Lists AWS regions with their partition and STS endpoint (boto's regions() and get_region()).
/// </summary>
[Cmdlet(VerbsCommon.Get, "StsRegion")]
[OutputType(typeof(StsRegionInfo))]
public sealed class GetStsRegionCommand : LocalCmdletBase
{
    /// <summary>Region names to return; wildcards allowed. All regions when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(RegionCompleter))]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var all = StsRegions.All();
        if (Name is null || Name.Length == 0)
        {
            WriteObject(all, enumerateCollection: true);
            return;
        }
        foreach (var name in Name)
        {
            var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
            var matches = all.Where(r => pattern.IsMatch(r.Name)).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                WriteError(new ErrorRecord(new ItemNotFoundException($"The AWS SDK knows no region named '{name}'."), ErrorIds.RegionNotFound, ErrorCategory.ObjectNotFound, name));
            WriteObject(matches, enumerateCollection: true);
        }
    }
}
