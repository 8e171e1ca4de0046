using System.Collections.Concurrent;
using StsTools.Service;

namespace StsTools.PowerShell.Internal;

/// <summary>
/// Collects engine messages from any thread; the cmdlet writes them on the pipeline thread,
/// the only thread allowed to call WriteVerbose/WriteDebug.
/// </summary>
internal sealed class BufferedLog : IStsLog
{
    private readonly ConcurrentQueue<(bool Verbose, string Text)> _messages = new();

    public void Verbose(string message) => _messages.Enqueue((true, message));

    public void Debug(string message) => _messages.Enqueue((false, message));

    public bool TryTake(out bool verbose, out string text)
    {
        if (_messages.TryDequeue(out var m))
        {
            verbose = m.Verbose;
            text = m.Text;
            return true;
        }
        verbose = false;
        text = string.Empty;
        return false;
    }
}
