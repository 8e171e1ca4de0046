namespace StsTools.Input;

/// <summary>A region with its partition and STS endpoint (boto's RegionInfo); <c>Get-StsRegion</c> returns these.</summary>
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
}
