using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace StsTools.Connection;

/// <summary>What the SDK knows about an HTTP exchange but does not put on its response objects.</summary>
internal sealed class CapturedExchange
{
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);
    public int Retries { get; set; }
    public int StatusCode { get; set; }
}

/// <summary>
/// The outermost pipeline handler of our STS clients: after the SDK has retried and unmarshalled,
/// it records the final response's headers and the retry count, which ResponseMetadata needs,
/// into the capture the engine began for the call (<see cref="Begin"/>). The capture travels with
/// the call's async flow rather than in a table keyed by response: a ConditionalWeakTable entry per
/// call cost more than the rest of the engine's work on a warm call.
/// </summary>
internal sealed class ExchangeCaptureHandler : PipelineHandler
{
    private static readonly AsyncLocal<CapturedExchange?> Current = new();

    /// <summary>Starts a capture for the calls this async flow makes next; the flow's callers never see it.</summary>
    public static CapturedExchange Begin() => Current.Value = new CapturedExchange();

    /// <summary>The capture of this async flow's last call, if one was begun.</summary>
    public static CapturedExchange? Captured => Current.Value;

    public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        var response = await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
        var capture = Current.Value;
        if (capture is null) return response;
        capture.Retries = executionContext.RequestContext.Retries;
        var http = executionContext.ResponseContext?.HttpResponse;
        if (http is not null)
        {
            capture.StatusCode = (int)http.StatusCode;
            foreach (var name in http.GetHeaderNames())
                capture.Headers[name.ToLowerInvariant()] = http.GetHeaderValue(name);
        }
        return response;
    }
}
