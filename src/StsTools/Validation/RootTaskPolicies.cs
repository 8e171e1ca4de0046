using System;
using System.Collections.Generic;
using System.Linq;

namespace StsTools.Validation;

/// <summary>The AWS-managed root task policies AssumeRoot accepts, by short name.</summary>
public static class RootTaskPolicies
{
    /// <summary>The short names, as tab completion offers them.</summary>
    public static IReadOnlyList<string> Names { get; } = new[]
    {
        "IAMAuditRootUserCredentials",
        "IAMCreateRootUserPassword",
        "IAMDeleteRootUserCredentials",
        "S3UnlockBucketPolicy",
        "SQSUnlockQueuePolicy",
    };

    /// <summary>
    /// A short name becomes <c>arn:PARTITION:iam::aws:policy/root-task/NAME</c> (the partition
    /// follows the region); anything else is returned unchanged for the validator to judge.
    /// </summary>
    public static string Expand(string nameOrArn, string? region)
    {
        if (nameOrArn is null) throw new ArgumentNullException(nameof(nameOrArn));
        var name = Names.FirstOrDefault(n => string.Equals(n, nameOrArn, StringComparison.OrdinalIgnoreCase));
        return name is null ? nameOrArn : $"arn:{Partition(region)}:iam::aws:policy/root-task/{name}";
    }

    /// <summary>The ARN partition of a region name.</summary>
    public static string Partition(string? region) =>
        region is null ? "aws"
        : region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
        : region.StartsWith("us-isob-", StringComparison.Ordinal) ? "aws-iso-b"
        : region.StartsWith("us-iso-", StringComparison.Ordinal) ? "aws-iso"
        : "aws";
}
