using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
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
/// it records the final response's headers and the retry count, which ResponseMetadata needs.
/// </summary>
internal sealed class ExchangeCaptureHandler : PipelineHandler
{
    private static readonly ConditionalWeakTable<AmazonWebServiceResponse, CapturedExchange> Captures = new();

    public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        var response = await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
        var capture = new CapturedExchange { Retries = executionContext.RequestContext.Retries };
        var http = executionContext.ResponseContext?.HttpResponse;
        if (http is not null)
        {
            capture.StatusCode = (int)http.StatusCode;
            foreach (var name in http.GetHeaderNames())
                capture.Headers[name.ToLowerInvariant()] = http.GetHeaderValue(name);
        }
        if (response is not null) Captures.Add(response, capture);
        return response!;
    }

    public static CapturedExchange? Get(AmazonWebServiceResponse response) =>
        Captures.TryGetValue(response, out var c) ? c : null;
}
