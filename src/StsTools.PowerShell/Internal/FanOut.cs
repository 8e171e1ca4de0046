using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using StsTools.PowerShell.Transformation;

namespace StsTools.PowerShell.Internal;

/// <summary>
/// Up to <c>-ThrottleLimit</c> engine calls of one command in flight at once, for its pipeline
/// items: each call starts as its item arrives (as <see cref="EngineCall"/> starts one), the
/// pipeline thread writes every call's messages as they come, each failure as it comes, and the
/// results in input order. A failure that dooms every item cancels the rest and is rethrown.
/// </summary>
internal sealed class FanOut<T> : IDisposable where T : class
{
    private readonly Cmdlet _cmdlet;
    private readonly int _limit;
    private readonly bool _detailed;
    private readonly bool _failuresInOrder;
    private readonly Queue<Call> _calls = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly CancellationTokenSource _cancel;

    /// <param name="cmdlet">Whose streams the messages, errors and results go to.</param>
    /// <param name="limit">How many calls may be in flight.</param>
    /// <param name="stopping">Ctrl+C: cancels every call in flight.</param>
    public FanOut(Cmdlet cmdlet, int limit, CancellationToken stopping)
    {
        _cmdlet = cmdlet;
        _limit = Math.Max(1, limit);
        _detailed = EngineCall.WantsVerboseOrDebug(cmdlet);
        _failuresInOrder = ErrorActionIsStop(cmdlet);
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    }

    /// <summary>
    /// Starts <paramref name="work"/> once a slot is free. When it ends, <paramref name="done"/> gets
    /// the result (in input order) or the failure (as it comes); it runs on the pipeline thread and
    /// may write, prompt, or throw to end the command.
    /// </summary>
    public void Add(Func<StsTools.Service.IStsLog, CancellationToken, Task<T>> work, Action<T?, Exception?> done)
    {
        while (_calls.Count >= _limit) Pump(block: true);
        var log = new BufferedLog(_detailed, () => Wake());
        var task = EngineCall.StartHere(l => work(l, _cancel.Token), log);
        task.ContinueWith(_ => Wake(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _calls.Enqueue(new Call(task, log, done));
        Pump(block: false);
    }

    /// <summary>Waits for every call still in flight, writing as they end.</summary>
    public void Complete()
    {
        while (_calls.Count > 0) Pump(block: true);
    }

    // Writes what is there: every call's messages, failures as they come, then the results at
    // the head of the queue that have ended. With block, first waits until something happens
    // and the head has moved at least once or a message came.
    private void Pump(bool block)
    {
        while (true)
        {
            var progressed = false;
            foreach (var call in _calls)
                while (call.Log.TryTake(out var entry)) EngineCall.Write(_cmdlet, entry);
            // Finished results first, in input order, so a failure that ends the command
            // (-ErrorAction Stop) never takes results that were already there with it.
            while (_calls.Count > 0 && _calls.Peek().Task.IsCompleted)
            {
                var head = _calls.Dequeue();
                while (head.Log.TryTake(out var entry)) EngineCall.Write(_cmdlet, entry);
                head.Log.Dispose();
                if (!head.Reported)
                {
                    head.Reported = true;
                    Report(head);
                }
                progressed = true;
            }
            // Then failures as they come, behind calls still in flight; under -ErrorAction Stop,
            // where an item's error ends the command, in input order instead, so that the
            // results of the items before it are written first, as one by one they would be.
            foreach (var call in _calls)
            {
                if (_failuresInOrder) break;
                if (call.Task.IsCompleted && !call.Reported && call.Task.Status != TaskStatus.RanToCompletion)
                {
                    call.Reported = true;
                    Report(call);
                    progressed = true;
                }
            }
            if (!block || progressed || _calls.Count == 0) return;
            _wake.WaitOne();
        }
    }

    // -ErrorAction Stop on the command, or $ErrorActionPreference = 'Stop' where it runs.
    private static bool ErrorActionIsStop(Cmdlet cmdlet)
    {
        if (cmdlet is not PSCmdlet ps) return false;
        if (ps.MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var bound))
            return PSObjects.Unwrap(bound)?.ToString() == nameof(ActionPreference.Stop);
        return PSObjects.Unwrap(ps.SessionState.PSVariable.GetValue("ErrorActionPreference"))?.ToString() == nameof(ActionPreference.Stop);
    }

    private void Report(Call call)
    {
        if (call.Task.Status == TaskStatus.RanToCompletion)
        {
            call.Done(call.Task.Result, null);
            return;
        }
        var error = call.Task.Exception?.InnerException ?? (Exception)new OperationCanceledException();
        try
        {
            call.Done(null, error);
        }
        catch
        {
            // The command ends (a failure that dooms every item, Ctrl+C): nothing more to start.
            _cancel.Cancel();
            throw;
        }
    }

    private void Wake()
    {
        try
        {
            _wake.Set();
        }
        catch (ObjectDisposedException)
        {
            // A call that ended after the command went away.
        }
    }

    public void Dispose()
    {
        _cancel.Cancel();
        foreach (var call in _calls) call.Log.Dispose();
        _cancel.Dispose();
        _wake.Dispose();
    }

    /// <summary>
    /// What a fanned-out call's failure does to the command: an item's own failure is a
    /// non-terminating error and the next item goes on; one every item would share ends the
    /// command; Ctrl+C stops the pipeline.
    /// </summary>
    public static void Settle(PSCmdlet cmdlet, Exception failure, CancellationToken stopping)
    {
        switch (failure)
        {
            case StsTools.Errors.StsToolsException ex when ErrorRecords.BelongsToItem(ex):
                cmdlet.WriteError(ErrorRecords.From(ex, cmdlet.MyInvocation));
                return;
            case StsTools.Errors.StsToolsException ex:
                cmdlet.ThrowTerminatingError(ErrorRecords.From(ex, cmdlet.MyInvocation));
                return;
            case OperationCanceledException when stopping.IsCancellationRequested:
                throw new PipelineStoppedException();
            default:
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
                return;
        }
    }

    private sealed class Call
    {
        public Call(Task<T> task, BufferedLog log, Action<T?, Exception?> done) => (Task, Log, Done) = (task, log, done);

        public Task<T> Task { get; }

        public BufferedLog Log { get; }

        public Action<T?, Exception?> Done { get; }

        public bool Reported { get; set; }
    }
}
