using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Sockets;
using Amazon.Runtime;

namespace StsTools.Errors;

/// <summary>Turns SDK and transport failures into <see cref="StsToolsException"/>s with stable ids.</summary>
internal static class ErrorMapper
{
    // The categories of the service's codes the module knows: the catalogue's (ErrorIds).
    private static readonly Dictionary<string, StsErrorCategory> ServiceCategories = CategoriesOfServiceCodes();

    private static Dictionary<string, StsErrorCategory> CategoriesOfServiceCodes()
    {
        var categories = new Dictionary<string, StsErrorCategory>(StringComparer.Ordinal);
        foreach (var entry in ErrorIds.Catalogue)
            if (entry.FromService || entry.Id == ErrorIds.ServiceUnavailable)
                categories[entry.Id] = (StsErrorCategory)Enum.Parse(typeof(StsErrorCategory), entry.Category);
        // The module's validation id is also an STS code, with the category of a refused key.
        categories[ErrorIds.InvalidAccessKeyId] = StsErrorCategory.AuthenticationError;
        return categories;
    }

    /// <summary>The category for an STS error code, falling back on the HTTP status.</summary>
    public static StsErrorCategory CategoryFor(string errorCode, int httpStatus) =>
        ServiceCategories.TryGetValue(errorCode, out var c) ? c
        : httpStatus >= 500 ? StsErrorCategory.ResourceUnavailable
        : httpStatus == 403 ? StsErrorCategory.PermissionDenied
        : StsErrorCategory.InvalidOperation;

    /// <summary>
    /// Maps <paramref name="ex"/>; every string in <paramref name="secrets"/> is blanked out of the
    /// message, and service exceptions are not kept as inner exceptions, because STS error texts
    /// (SignatureDoesNotMatch's canonical request, for one) can echo signed header values.
    /// </summary>
    public static StsToolsException Map(Exception ex, string operation, object? target, string endpointDescription, IReadOnlyCollection<string> secrets)
    {
        var mapped = MapUnredacted(ex, operation, target, endpointDescription);
        var message = Redact(mapped.Message, secrets);
        if (message == mapped.Message && mapped.InnerException is not AmazonServiceException) return mapped;
        return mapped switch
        {
            StsServiceException s => new StsServiceException(s.ErrorId, s.Category, message, s.TargetObject, s.RequestId, s.HttpStatusCode),
            _ => new StsToolsException(mapped.ErrorId, mapped.Category, message, mapped.TargetObject, mapped.InnerException is AmazonServiceException ? null : mapped.InnerException),
        };
    }

    /// <summary>Replaces each secret (of 8 characters or more) with asterisks.</summary>
    public static string Redact(string text, IReadOnlyCollection<string> secrets)
    {
        foreach (var secret in secrets)
            if (!string.IsNullOrEmpty(secret) && secret.Length >= 8) text = text.Replace(secret, "********");
        return text;
    }

    // "Signature expired: 20261205T010000Z is now earlier than 20261205T011500Z (20261205T013000Z - 15 min.)"
    // (and "... is now later than ...") compare the request's time with the service's: say what that
    // means, the local clock off by about that much, rather than leave the raw text to decode.
    private static readonly System.Text.RegularExpressions.Regex SignatureTimes = new(
        @"Signature (?:expired|not yet current): (\d{8}T\d{6}Z) is now (?:earlier|later) than \d{8}T\d{6}Z \((\d{8}T\d{6}Z) [-+]",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    internal static string ClockSkew(string? message)
    {
        var match = message is null ? null : SignatureTimes.Match(message);
        if (match is null || !match.Success) return string.Empty;
        const string format = "yyyyMMdd'T'HHmmss'Z'";
        var styles = System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal;
        if (!DateTime.TryParseExact(match.Groups[1].Value, format, System.Globalization.CultureInfo.InvariantCulture, styles, out var signedAt)
            || !DateTime.TryParseExact(match.Groups[2].Value, format, System.Globalization.CultureInfo.InvariantCulture, styles, out var serverNow)) return string.Empty;
        var off = signedAt - serverNow;
        var minutes = Math.Abs(off.TotalMinutes);
        var amount = minutes >= 120 ? $"{minutes / 60:0.#} hours" : $"{Math.Max(1, Math.Round(minutes))} minutes";
        return $" This machine's clock is about {amount} {(off < TimeSpan.Zero ? "behind" : "ahead of")} AWS's (signed at {signedAt:u}, AWS's time {serverNow:u}): AWS accepts requests up to 15 minutes off. Set the clock right (NTP: timedatectl set-ntp true, w32tm /resync, sntp).";
    }

    private static StsToolsException MapUnredacted(Exception ex, string operation, object? target, string endpointDescription)
    {
        // Before the service-error cases: an unmarshalling failure is an AmazonServiceException too.
        if (Find<AmazonUnmarshallingException>(ex) is { } unmarshalling)
            return new StsToolsException(ErrorIds.InvalidResponse, StsErrorCategory.ProtocolError,
                $"{operation} failed: STS at {endpointDescription} sent a response that is not a readable STS answer (truncated or malformed XML near '{unmarshalling.LastKnownLocation ?? "the start"}').", target);
        if (Find<Connection.ResponseTooLargeException>(ex) is { } tooLarge)
            return new StsToolsException(ErrorIds.InvalidResponse, StsErrorCategory.ProtocolError,
                $"{operation} failed: STS at {endpointDescription} sent no readable answer: {tooLarge.Message}.", target);
        if (Find<System.Xml.XmlException>(ex) is not null)
            return new StsToolsException(ErrorIds.InvalidResponse, StsErrorCategory.ProtocolError,
                $"{operation} failed: STS at {endpointDescription} sent malformed XML.", target);
        switch (ex)
        {
            case StsToolsException already:
                return already;
            case AmazonServiceException service when !string.IsNullOrEmpty(service.ErrorCode):
            {
                var status = (int)service.StatusCode;
                var message = $"{operation} failed with {service.ErrorCode}: {Connection.ExchangeLimits.Truncate(service.Message)}" +
                              (string.IsNullOrEmpty(service.RequestId) ? string.Empty : $" (request id {service.RequestId})") +
                              ClockSkew(service.Message);
                return new StsServiceException(service.ErrorCode, CategoryFor(service.ErrorCode, status), message, target, service.RequestId, status);
            }
            case AmazonServiceException service:
                return new StsServiceException(
                    (int)service.StatusCode >= 500 ? ErrorIds.ServiceUnavailable : ErrorIds.UnexpectedResponse,
                    (int)service.StatusCode >= 500 ? StsErrorCategory.ResourceUnavailable : StsErrorCategory.ProtocolError,
                    $"{operation} failed: STS at {endpointDescription} answered HTTP {(int)service.StatusCode} without a readable error ({Connection.ExchangeLimits.Truncate(service.Message)}).",
                    target, service.RequestId, (int)service.StatusCode);
        }
        if (Find<TimeoutException>(ex) is not null || ex is OperationCanceledException)
            return new StsToolsException(ErrorIds.RequestTimedOut, StsErrorCategory.OperationTimeout,
                $"{operation} did not complete in time: {endpointDescription} did not answer.", target, ex);
        if (Find<SocketException>(ex) is not null || Find<HttpRequestException>(ex) is not null)
            return new StsToolsException(ErrorIds.EndpointConnectionFailed, StsErrorCategory.ConnectionError,
                $"{operation} could not reach STS at {endpointDescription}: {Innermost(ex).Message}", target, ex);
        if (ex is AmazonClientException)
            return new StsToolsException(ErrorIds.StsClientError, StsErrorCategory.InvalidOperation, $"{operation} failed: {ex.Message}", target, ex);
        return new StsToolsException(ErrorIds.UnexpectedError, StsErrorCategory.NotSpecified, $"{operation} failed: {ex.Message}", target, ex);
    }

    private static T? Find<T>(Exception? ex) where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is T t) return t;
        return null;
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null) ex = ex.InnerException;
        return ex;
    }
}
