using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using StsTools.Errors;
using StsTools.PowerShell.Internal;
using StsTools.Service;

namespace StsTools.PowerShell;

/// <summary>
/// For cmdlets that work on this machine only (cache, files, environment, regions): no
/// connection parameters, the same engine instance, the same ErrorRecords.
/// </summary>
public abstract class LocalCmdletBase : PSCmdlet, IDisposable
{
    /// <summary>The engine instance shared by all commands of the session.</summary>
    private protected static StsService Service => StsService.Shared;

    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Runs an engine step, writing its log and turning failures into terminating ErrorRecords.</summary>
    private protected T? Run<T>(Func<IStsLog, T> step)
    {
        try
        {
            return EngineCall.RunHere(this, log => step(log));
        }
        catch (StsToolsException ex)
        {
            ThrowTerminatingError(ErrorRecords.From(ex, MyInvocation));
            return default;
        }
    }

    /// <summary>
    /// Like <see cref="Run{T}"/>, for a cmdlet whose pipeline input is what it works on (a file to
    /// import): a failure is a non-terminating error for this item, and the next item goes on.
    /// </summary>
    private protected T? RunForItem<T>(Func<IStsLog, T> step)
    {
        try
        {
            return EngineCall.RunHere(this, log => step(log));
        }
        catch (StsToolsException ex)
        {
            WriteError(ErrorRecords.From(ex, MyInvocation));
            return default;
        }
    }

    /// <summary>
    /// Runs an asynchronous engine step (a file-lock wait) through <see cref="EngineCall"/>: its
    /// messages and progress are written as they come, and Ctrl+C cancels it.
    /// </summary>
    private protected T? RunAsync<T>(Func<IStsLog, CancellationToken, Task<T>> step)
    {
        try
        {
            return EngineCall.Run(this, log => step(log, _stopping.Token));
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return default;
        }
        catch (StsToolsException ex)
        {
            ThrowTerminatingError(ErrorRecords.From(ex, MyInvocation));
            return default;
        }
    }

    /// <summary>
    /// Like <see cref="RunAsync{T}"/>, for one pipeline item: a failure of that item's own request
    /// (a refused value, a service answer about it) is a non-terminating error and the next item
    /// goes on; a failure every item would share still terminates.
    /// </summary>
    private protected T? RunAsyncForItem<T>(Func<IStsLog, CancellationToken, Task<T>> step)
    {
        try
        {
            return EngineCall.Run(this, log => step(log, _stopping.Token));
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return default;
        }
        catch (StsToolsException ex) when (ErrorRecords.BelongsToItem(ex))
        {
            WriteError(ErrorRecords.From(ex, MyInvocation));
            return default;
        }
        catch (StsToolsException ex)
        {
            ThrowTerminatingError(ErrorRecords.From(ex, MyInvocation));
            return default;
        }
    }

    /// <summary>Cancelled by Ctrl+C.</summary>
    private protected CancellationToken StopToken => _stopping.Token;

    /// <summary>Ctrl+C: cancels the wait in flight.</summary>
    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>Releases the cancellation source.</summary>
    public void Dispose() => _stopping.Dispose();

    /// <summary>
    /// Warns when <paramref name="credentials"/> have already expired: importing or setting them works,
    /// but every call made with them will fail, and the user should hear it now rather than from STS.
    /// </summary>
    protected void WarnIfExpired(StsTools.Model.Credentials credentials, string where)
    {
        if (Expiry.Warning(credentials, where) is { } warning) WriteWarning(warning);
    }

    /// <summary>A file system path as the user meant it: relative to the current PowerShell location, ~ expanded; other providers' paths refused.</summary>
    protected string ResolvePath(string path, string parameterName = "Path") => FileSystemPaths.Resolve(this, path, parameterName);
}
