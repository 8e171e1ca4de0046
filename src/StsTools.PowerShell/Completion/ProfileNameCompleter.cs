using System.Collections.Generic;
using StsTools.Input;

namespace StsTools.PowerShell.Completion;

/// <summary>Tab-completes -ProfileName from the shared config and credentials files.</summary>
public sealed class ProfileNameCompleter : StaticCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<string> Values => ProfileNames.List();
}
