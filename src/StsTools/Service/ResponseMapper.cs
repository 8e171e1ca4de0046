using System;
using Amazon.Runtime;
using StsTools.Connection;
using Sdk = Amazon.SecurityToken.Model;
using StsTools.Model;

namespace StsTools.Service;

/// <summary>Copies SDK responses into the module's own types (no SDK type escapes the engine).</summary>
internal static class ResponseMapper
{
    public static Credentials Map(Sdk.Credentials c) => new()
    {
        AccessKeyId = c.AccessKeyId ?? string.Empty,
        SecretAccessKey = c.SecretAccessKey ?? string.Empty,
        SessionToken = c.SessionToken ?? string.Empty,
        Expiration = Utc(c.Expiration),
    };

    public static AssumedRoleUser Map(Sdk.AssumedRoleUser? u) => new()
    {
        AssumedRoleId = u?.AssumedRoleId ?? string.Empty,
        Arn = u?.Arn ?? string.Empty,
    };

    /// <summary>The metadata of a response, with what the pipeline captured of its exchange (called while mapping, in the call's flow).</summary>
    public static StsTools.Model.ResponseMetadata Metadata(AmazonWebServiceResponse response)
    {
        var capture = ExchangeCaptureHandler.Captured;
        var metadata = new StsTools.Model.ResponseMetadata
        {
            RequestId = response.ResponseMetadata?.RequestId ?? string.Empty,
            HTTPStatusCode = capture?.StatusCode > 0 ? capture.StatusCode : (int)response.HttpStatusCode,
            RetryAttempts = capture?.Retries ?? 0,
        };
        if (capture is not null)
        {
            foreach (var h in capture.Headers) metadata.HTTPHeaders[h.Key] = h.Value;
            if (capture.Headers.TryGetValue("x-amz-id-2", out var hostId)) metadata.HostId = hostId;
        }
        return metadata;
    }

    public static DateTime Utc(DateTime? value)
    {
        if (value is not DateTime v) return default;
        return v.Kind switch
        {
            DateTimeKind.Utc => v,
            DateTimeKind.Local => v.ToUniversalTime(),
            _ => DateTime.SpecifyKind(v, DateTimeKind.Utc),
        };
    }
}
