using System;
using System.Collections.Generic;

namespace StsTools.Model;

/// <summary>What the HTTP exchange said about a call, shaped like <c>ResponseMetadataTypeDef</c>.</summary>
public sealed class ResponseMetadata
{
    /// <summary>The STS request id (quote it to AWS support).</summary>
    public string RequestId { get; set; } = string.Empty;

    /// <summary>The HTTP status code of the final response.</summary>
    public int HTTPStatusCode { get; set; }

    /// <summary>The response headers, names compared case-insensitively.</summary>
    public Dictionary<string, string> HTTPHeaders { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many times the SDK retried before this response.</summary>
    public int RetryAttempts { get; set; }

    /// <summary>The host id header (<c>x-amz-id-2</c>) when the service sent one.</summary>
    public string? HostId { get; set; }

    /// <summary>The request id.</summary>
    public override string ToString() => RequestId;
}
