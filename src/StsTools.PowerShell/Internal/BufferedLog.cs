using System.Collections.Concurrent;
using StsTools.Service;

namespace StsTools.PowerShell.Internal;

/// <summary>
/// Collects engine messages from any thread; the cmdlet writes them on the pipeline thread,
/// the only thread allowed to call WriteVerbose/WriteDebug.
/// </summary>
internal sealed class BufferedLog : IStsLog
{
    private readonly ConcurrentQueue<(LogKind Kind, string Text)> _messages = new();

    public void Verbose(string message) => _messages.Enqueue((LogKind.Verbose, message));

    public void Debug(string message) => _messages.Enqueue((LogKind.Debug, message));

    public void Warning(string message) => _messages.Enqueue((LogKind.Warning, message));

    public bool TryTake(out LogKind kind, out string text)
    {
        if (_messages.TryDequeue(out var m))
        {
            kind = m.Kind;
            text = m.Text;
            return true;
        }
        kind = LogKind.Debug;
        text = string.Empty;
        return false;
    }
}

/// <summary>Which stream a buffered engine message goes to.</summary>
internal enum LogKind
{
    Verbose,
    Debug,
    Warning,
}
