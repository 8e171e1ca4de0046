using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace StsTools.PowerShell.Internal;

/// <summary>
/// The one way a cmdlet runs engine work: started on the pipeline thread and continued on pool
/// threads as it awaits, cancellable with Ctrl+C, its messages written on the pipeline thread as
/// they come (verbose, debug, warnings, and Write-Progress for waits longer than about a second).
/// </summary>
internal static class EngineCall
{
    private const int ProgressId = 0x5175; // one progress bar per command

    /// <summary>Runs <paramref name="work"/> to completion while writing its log; rethrows its failure.</summary>
    public static T Run<T>(Cmdlet cmdlet, Func<BufferedLog, Task<T>> work)
    {
        using var log = new BufferedLog(detailed: WantsVerboseOrDebug(cmdlet));
        var task = StartHere(work, log);
        try
        {
            foreach (var entry in log.Consume()) Write(cmdlet, entry);
        }
        catch
        {
            // Writing failed (the pipeline is stopping: Ctrl+C, a parallel loop's time-out) while the
            // work goes on. What it still hands back nobody will dispose here: a hold of the
            // environment acquired in that instant would otherwise keep every runspace waiting.
            _ = task.ContinueWith(t => (t.Result as IDisposable)?.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            throw;
        }
        return task.GetAwaiter().GetResult();
    }

    // Starts the work on the pipeline thread: it runs here up to its first wait (a cache hit runs
    // to the end here), and its awaits go on on pool threads while this thread writes its log.
    // Not Task.Run: handing the start to a pool thread is one more thread wake-up per call, which
    // a warm call pays after the reply too (bench/README.md). The engine never blocks on a task
    // (it awaits, ConfigureAwait(false)); a host's SynchronizationContext (a GUI host's pipeline
    // thread may have one) is set aside while it starts, so nothing of it is posted back to this
    // thread, which is blocked until the work ends.
    internal static Task<T> StartHere<T>(Func<BufferedLog, Task<T>> work, BufferedLog log)
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return Guarded(work, log);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    private static async Task<T> Guarded<T>(Func<BufferedLog, Task<T>> work, BufferedLog log)
    {
        try
        {
            return await work(log).ConfigureAwait(false);
        }
        finally
        {
            log.Complete();
        }
    }

    /// <summary>Runs synchronous engine work on the pipeline thread, then writes its log.</summary>
    public static T RunHere<T>(Cmdlet cmdlet, Func<BufferedLog, T> work)
    {
        using var log = new BufferedLog();
        try
        {
            return work(log);
        }
        finally
        {
            log.Complete();
            while (log.TryTake(out var entry)) Write(cmdlet, entry);
        }
    }

    // Whether verbose or debug text would be shown at all: -Verbose/-Debug, or the preference variables.
    internal static bool WantsVerboseOrDebug(Cmdlet cmdlet)
    {
        if (cmdlet is not PSCmdlet ps) return true;
        var bound = ps.MyInvocation.BoundParameters;
        if (bound.ContainsKey("Verbose") || bound.ContainsKey("Debug")) return true;
        return !IsSilent(ps.GetVariableValue("VerbosePreference")) || !IsSilent(ps.GetVariableValue("DebugPreference"));
    }

    private static bool IsSilent(object? preference) =>
        preference is ActionPreference p ? p is ActionPreference.SilentlyContinue or ActionPreference.Ignore : preference is null;

    internal static void Write(Cmdlet cmdlet, LogEntry entry)
    {
        switch (entry.Kind)
        {
            case LogKind.Verbose: cmdlet.WriteVerbose(entry.Text); break;
            case LogKind.Warning: cmdlet.WriteWarning(entry.Text); break;
            case LogKind.Host:
                cmdlet.WriteInformation(new InformationRecord(new HostInformationMessage { Message = entry.Text }, (cmdlet as PSCmdlet)?.MyInvocation.MyCommand?.Name ?? "StsModule"), new[] { "PSHOST" });
                break;
            case LogKind.Progress:
                cmdlet.WriteProgress(new ProgressRecord(ProgressId, entry.Activity ?? "StsModule", entry.Text));
                break;
            case LogKind.ProgressCompleted:
                cmdlet.WriteProgress(new ProgressRecord(ProgressId, entry.Activity ?? "StsModule", entry.Text) { RecordType = ProgressRecordType.Completed });
                break;
            default: cmdlet.WriteDebug(entry.Text); break;
        }
    }
}
