using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using StsTools.Service;

namespace StsTools.PowerShell.Internal;

/// <summary>
/// Carries engine messages from the threads the call continues on to the pipeline thread (the only
/// one allowed to call WriteVerbose, WriteDebug, WriteWarning and WriteProgress) while the call
/// runs: the cmdlet consumes them as they come, so a lock wait or a chain of role profiles shows
/// its steps live.
/// </summary>
internal sealed class BufferedLog : IStsLog, IDisposable
{
    // A queue and an event, not a BlockingCollection: the pair costs a fraction of one, and the
    // warm call's budget is a few percent over the raw SDK's (bench/README.md).
    private readonly ConcurrentQueue<LogEntry> _messages = new();
    private readonly ManualResetEventSlim _signal = new(false);
    private volatile bool _completed;
    private readonly bool _detailed;

    /// <param name="detailed">
    /// Whether verbose and debug text would be shown at all (-Verbose, -Debug, or the preference
    /// variables): then it wakes the pipeline thread as it comes, so a lock wait shows its steps
    /// live; otherwise it is dropped here, as PowerShell would drop it, and a warm call pays for no
    /// thread switch and no record for it. Warnings and progress are always kept and wake it.
    /// </param>
    /// <param name="wake">Also told of every message and of the end (a fan-out's pipeline thread waits on many logs at once).</param>
    public BufferedLog(bool detailed = true, Action? wake = null) => (_detailed, _wake) = (detailed, wake);

    private readonly Action? _wake;

    public void Verbose(string message) => Add(new LogEntry(LogKind.Verbose, message));

    public void Debug(string message) => Add(new LogEntry(LogKind.Debug, message));

    public void Warning(string message) => Add(new LogEntry(LogKind.Warning, message));

    /// <summary>Text for the user on the host (as Write-Host writes it: shown, transcribed, never on the output stream).</summary>
    public void Host(string message) => Add(new LogEntry(LogKind.Host, message));

    public void Progress(string activity, string status, bool completed = false) =>
        Add(new LogEntry(completed ? LogKind.ProgressCompleted : LogKind.Progress, status, activity));

    /// <summary>No more messages will come (the call ended).</summary>
    public void Complete()
    {
        _completed = true;
        Signal();
    }

    /// <summary>Each message as it comes, until <see cref="Complete"/> (then the rest).</summary>
    public IEnumerable<LogEntry> Consume()
    {
        while (true)
        {
            // Reset before draining: a message added after the drain sets the event again.
            _signal.Reset();
            while (_messages.TryDequeue(out var entry)) yield return entry;
            if (_completed)
            {
                while (_messages.TryDequeue(out var last)) yield return last;
                yield break;
            }
            _signal.Wait();
        }
    }

    /// <summary>A message there is now, without waiting.</summary>
    public bool TryTake(out LogEntry entry) => _messages.TryDequeue(out entry!);

    public void Dispose() => _signal.Dispose();

    private void Add(LogEntry entry)
    {
        if (!_detailed && entry.Kind is LogKind.Verbose or LogKind.Debug) return;
        _messages.Enqueue(entry);
        Signal();
    }

    private void Signal()
    {
        _wake?.Invoke();
        try
        {
            _signal.Set();
        }
        catch (ObjectDisposedException)
        {
            // A message after the call ended and the command went away: nothing reads it any more.
        }
    }
}

/// <summary>One engine message.</summary>
internal sealed class LogEntry
{
    public LogEntry(LogKind kind, string text, string? activity = null) => (Kind, Text, Activity) = (kind, text, activity);

    public LogKind Kind { get; }

    public string Text { get; }

    /// <summary>The activity of a progress message.</summary>
    public string? Activity { get; }
}

/// <summary>Which stream an engine message goes to.</summary>
internal enum LogKind
{
    Verbose,
    Debug,
    Warning,
    Progress,
    ProgressCompleted,
    Host,
}
