using System;
using System.Collections.Generic;
using System.Linq;
using Amazon;

namespace StsTools.Input;

/// <summary>A region with its partition and STS endpoint (boto's RegionInfo).</summary>
public sealed class StsRegionInfo
{
    /// <summary>The region name, for example eu-west-1.</summary>
    public string Name { get; set; } = string.Empty;
    /// <summary>The human name, for example Europe (Ireland).</summary>
    public string DisplayName { get; set; } = string.Empty;
    /// <summary>The partition: aws, aws-cn, aws-us-gov, ...</summary>
    public string Partition { get; set; } = string.Empty;
    /// <summary>The regional STS endpoint URL.</summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>The name.</summary>
    public override string ToString() => Name;

    /// <summary>Every region the SDK's endpoint data knows, sorted by name.</summary>
    public static IReadOnlyList<StsRegionInfo> All() =>
        RegionEndpoint.EnumerableAllRegions
            .Select(From)
            .GroupBy(r => r.Name, StringComparer.Ordinal).Select(g => g.First())
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();

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
