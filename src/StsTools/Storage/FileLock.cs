using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using StsTools.Errors;

namespace StsTools.Storage;

/// <summary>
/// A cross-process exclusive lock on a lock file (FileShare.None: a mandatory share lock on
/// Windows, flock on Unix). The lock dies with its process, so a killed holder never blocks others.
/// </summary>
public sealed class FileLock : IDisposable
{
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    /// <summary>
    /// Waits (polling with backoff) until the lock is held, or throws after <paramref name="timeout"/>.
    /// A wait longer than a second is reported to <paramref name="log"/> as progress; cancelling stops it.
    /// </summary>
    public static async Task<FileLock> AcquireAsync(string path, TimeSpan timeout, CancellationToken cancellationToken, Service.IStsLog? log = null)
    {
        var watch = Stopwatch.StartNew();
        var delay = 5;
        var reported = false;
        try
        {
            while (true)
            {
                try
                {
                    var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
                    return new FileLock(stream);
                }
                catch (IOException) when (watch.Elapsed < timeout)
                {
                    if (log is not null && watch.Elapsed > TimeSpan.FromSeconds(1))
                    {
                        if (!reported) log.Verbose($"Waiting for '{path}', which another process holds (up to {timeout.TotalSeconds:0} s).");
                        log.Progress("Waiting for a file lock", $"Another process holds '{path}': {watch.Elapsed.TotalSeconds:0} of at most {timeout.TotalSeconds:0} s");
                        reported = true;
                    }
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                    delay = Math.Min(delay * 2, 100);
                }
                catch (IOException ex)
                {
                    throw new StsToolsException(ErrorIds.CacheLockTimeout, StsErrorCategory.OperationTimeout,
                        $"Another process held the lock '{path}' for more than {timeout.TotalSeconds:0} seconds.", path, ex);
                }
            }
        }
        finally
        {
            if (reported) log!.Progress("Waiting for a file lock", "Done", completed: true);
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _stream.Dispose();
}
