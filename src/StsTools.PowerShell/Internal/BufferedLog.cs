using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using StsTools.Service;

namespace StsTools.PowerShell.Internal;

/// <summary>
/// Carries engine messages from the worker thread to the pipeline thread (the only one allowed to
/// call WriteVerbose, WriteDebug, WriteWarning and WriteProgress) while the call runs: the cmdlet
/// consumes them as they come, so a lock wait or a chain of role profiles shows its steps live.
/// </summary>
internal sealed class BufferedLog : IStsLog, IDisposable
{
    private readonly BlockingCollection<LogEntry> _messages = new();

    public void Verbose(string message) => Add(new LogEntry(LogKind.Verbose, message));

    public void Debug(string message) => Add(new LogEntry(LogKind.Debug, message));

    public void Warning(string message) => Add(new LogEntry(LogKind.Warning, message));

    public void Progress(string activity, string status, bool completed = false) =>
        Add(new LogEntry(completed ? LogKind.ProgressCompleted : LogKind.Progress, status, activity));

    /// <summary>No more messages will come (the call ended).</summary>
    public void Complete() => _messages.CompleteAdding();

    /// <summary>Each message as it comes, until <see cref="Complete"/>.</summary>
    public IEnumerable<LogEntry> Consume() => _messages.GetConsumingEnumerable();

    /// <summary>The messages there are now, without waiting.</summary>
    public bool TryTake(out LogEntry entry) => _messages.TryTake(out entry!);

    public void Dispose() => _messages.Dispose();

    private void Add(LogEntry entry)
    {
        try
        {
            _messages.Add(entry);
        }
        catch (InvalidOperationException)
        {
            // A message after the call ended (a late continuation, or the collection already
            // disposed, an ObjectDisposedException): nothing reads it any more.
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
}
