using System.Collections.Generic;
using System.Linq;
using Amazon;

namespace StsTools.Input;

/// <summary>The region names the SDK's endpoint data knows, for tab completion.</summary>
public static class StsRegions
{
    private static IReadOnlyList<string>? _names;

    /// <summary>Every region system name, sorted.</summary>
    public static IReadOnlyList<string> Names =>
        _names ??= RegionEndpoint.EnumerableAllRegions.Select(r => r.SystemName).Distinct().OrderBy(n => n, System.StringComparer.Ordinal).ToList();
}
