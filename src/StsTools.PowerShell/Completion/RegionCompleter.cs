using System.Collections.Generic;
using StsTools.Input;

namespace StsTools.PowerShell.Completion;

/// <summary>Tab-completes -Region from the SDK's region list.</summary>
public sealed class RegionCompleter : StaticCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<string> Values => StsRegions.Names;
}
