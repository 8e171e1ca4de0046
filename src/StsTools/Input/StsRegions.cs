using System;
using System.Collections.Generic;
using System.Linq;
using Amazon;

namespace StsTools.Input;

/// <summary>The regions the SDK's endpoint data knows: names for tab completion, details for Get-StsRegion.</summary>
public static class StsRegions
{
    private static IReadOnlyList<string>? _names;

    /// <summary>Every region system name, sorted.</summary>
    public static IReadOnlyList<string> Names =>
        _names ??= RegionEndpoint.EnumerableAllRegions.Select(r => r.SystemName).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();

    /// <summary>Every region the SDK's endpoint data knows, sorted by name.</summary>
    public static IReadOnlyList<StsRegionInfo> All() =>
        RegionEndpoint.EnumerableAllRegions
            .Select(From)
            .GroupBy(r => r.Name, StringComparer.Ordinal).Select(g => g.First())
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>The partition of a region (aws, aws-cn, aws-us-gov, ...); <c>aws</c> for a region the SDK does not place.</summary>
    public static string PartitionOf(string region)
    {
        var partition = RegionEndpoint.GetBySystemName(region).PartitionName;
        return string.IsNullOrEmpty(partition) ? "aws" : partition;
    }

    /// <summary>One region, or null when the SDK does not know it.</summary>
    public static StsRegionInfo? Get(string name) =>
        All().FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    private static StsRegionInfo From(RegionEndpoint r) => new()
    {
        Name = r.SystemName,
        DisplayName = r.DisplayName,
        Partition = r.PartitionName,
        Endpoint = $"https://sts.{r.SystemName}.{r.PartitionDnsSuffix}",
    };
}
