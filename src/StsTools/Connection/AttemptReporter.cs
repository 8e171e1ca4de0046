using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using StsTools.Service;

namespace StsTools.Connection;

/// <summary>
/// A pipeline handler inside the SDK's retry handler, so it sees every attempt: when one fails,
/// the call's log hears it at once (verbose, and progress while the SDK backs off before the next
/// attempt), instead of the user watching a silent prompt for up to three time-outs. The log
/// travels with the call's async flow (<see cref="Use"/>), like the exchange capture.
/// </summary>
internal sealed class AttemptReporter : PipelineHandler
{
    private static readonly AsyncLocal<IStsLog?> Current = new();

    /// <summary>Reports the attempts of the calls this async flow makes next to <paramref name="log"/>.</summary>
    public static void Use(IStsLog? log) => Current.Value = log;

    public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        var log = Current.Value;
        var attempt = executionContext.RequestContext.Retries + 1;
        try
        {
            var response = await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
            if (attempt > 1) log?.Progress(Activity, "Answered", completed: true);
            return response;
        }
        // A time-out surfaces as a cancellation too; only the caller's own cancellation (Ctrl+C) is
        // not an attempt that failed.
        catch (Exception ex) when (log is not null && !executionContext.RequestContext.CancellationToken.IsCancellationRequested)
        {
            // Only the kind of failure: messages of the SDK's exceptions never carry secrets, but
            // a kind is all the user needs to know that a retry is coming.
            var what = ex is AmazonServiceException service ? $"{(int)service.StatusCode} {service.ErrorCode}"
                : ex is OperationCanceledException or TimeoutException ? "no answer in time" : ex.GetType().Name;
            log.Verbose($"Attempt {attempt} failed ({what}); the AWS SDK retries transient failures after a back-off (3 attempts in all unless AWS_MAX_ATTEMPTS or max_attempts says otherwise).");
            log.Progress(Activity, $"Attempt {attempt} failed ({what}); retrying if the failure is transient");
            throw;
        }
    }

    private const string Activity = "Calling AWS STS";
}
