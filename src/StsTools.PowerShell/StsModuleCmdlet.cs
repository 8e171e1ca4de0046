using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using StsTools.Connection;
using StsTools.Errors;
using StsTools.Model;
using StsTools.PowerShell.Internal;
using StsTools.Service;

namespace StsTools.PowerShell;

/// <summary>
/// What every StsModule cmdlet shares: Ctrl+C (StopProcessing cancels the engine work in flight),
/// Dispose, the engine instance, and how an engine failure becomes an ErrorRecord. A cmdlet calls
/// the engine in one of two ways: <see cref="Run{T}(Func{IStsLog, T}, OnFailure)"/> for work on
/// this machine (files, the cache, the environment, profiles; synchronous or asynchronous), and
/// <c>StsCmdletBase.Call</c> for a call to STS with the command's connection parameters.
/// </summary>
public abstract class StsModuleCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The engine instance shared by all commands of the session (client reuse, the cache).</summary>
    private protected static StsService Service
    {
        get
        {
            var service = StsService.Shared;
            // The environment's gate learns from here which block started a runspace (the engine
            // knows no runspaces); set before any command can reach the gate.
            if (!_wired)
            {
                service.EnvironmentGate.ParentOf = RunspaceOwner.ParentOf;
                RunspaceOwner.OnIdle = service.EnvironmentGate.ReleaseIfIdle;
                _wired = true;
            }
            return service;
        }
    }

    private static bool _wired;

    // How many results this command has put into the environment (-SetEnvironment).
    private int _environmentWrites;

    /// <summary>
    /// Puts credentials into the AWS_* variables for this runspace (waiting for other runspaces'
    /// holds); in a runspace other than the first they stand until its Clear-StsEnvironment. At the
    /// second piped item, warns (once) that each replaces the one before.
    /// </summary>
    private protected void PutInEnvironment(Credentials credentials, string? region, string? identity)
    {
        var owner = RunspaceOwner.Current;
        if (Run((log, ct) => Service.SetEnvironmentAsync(credentials, region, owner, log, ct, identity, RunspaceOwner.StandingWhileRunning())) is null) return;
        if (Service.EnvironmentGate.IsStanding(owner)) RunspaceOwner.MarkStanding(owner);
        if (++_environmentWrites == 2)
            WriteWarning($"-SetEnvironment with several piped items: each replaces the one before in the AWS_* variables, which end with the last one's ({identity ?? credentials.ToString()} so far). To run something as each, pipe the results to Invoke-StsCommand instead.");
    }

    /// <summary>Cancelled by Ctrl+C.</summary>
    private protected CancellationToken StopToken => _stopping.Token;

    /// <summary>Runs a synchronous engine step on the pipeline thread, writing its messages; a failure is handled as <paramref name="onFailure"/> says.</summary>
    private protected T? Run<T>(Func<IStsLog, T> step, OnFailure onFailure = OnFailure.EndCommand)
    {
        try
        {
            return EngineCall.RunHere(this, log => step(log));
        }
        catch (StsToolsException ex) when (onFailure != OnFailure.Throw)
        {
            return Settle<T>(ex, onFailure);
        }
    }

    /// <summary>
    /// Runs an asynchronous engine step (a lock wait, a sign-in) through <see cref="EngineCall"/>:
    /// its messages and progress are written as they come, and Ctrl+C cancels it (then the
    /// result is the default). A failure is handled as <paramref name="onFailure"/> says.
    /// </summary>
    private protected T? Run<T>(Func<IStsLog, CancellationToken, Task<T>> step, OnFailure onFailure = OnFailure.EndCommand)
    {
        try
        {
            return EngineCall.Run(this, log => step(log, _stopping.Token));
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return default;
        }
        catch (StsToolsException ex) when (onFailure != OnFailure.Throw)
        {
            return Settle<T>(ex, onFailure);
        }
    }

    /// <summary>
    /// Writes an engine failure as <paramref name="onFailure"/> says: a non-terminating error for a
    /// pipeline item (and the default result), or a terminating one. <paramref name="subjectParameter"/>
    /// names the parameter the pipeline binds for commands about a thing the caller owns (a key id,
    /// a message): then only that parameter's refused value is the item's, and AccessDenied is the caller's.
    /// </summary>
    private protected T? Settle<T>(StsToolsException ex, OnFailure onFailure, string? subjectParameter = null)
    {
        var items = onFailure switch
        {
            OnFailure.WriteError => true,
            OnFailure.ItemsOwn => ErrorRecords.BelongsToItem(ex, subjectParameter, permissionIsTheCallers: subjectParameter is not null),
            _ => false,
        };
        if (items)
        {
            WriteError(ErrorRecords.From(ex, MyInvocation));
            return default;
        }
        ThrowTerminatingError(ErrorRecords.From(ex, MyInvocation));
        return default; // not reached: ThrowTerminatingError always throws
    }

    /// <summary>Ctrl+C: cancels the engine work in flight.</summary>
    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>Releases the cancellation source.</summary>
    public void Dispose() => _stopping.Dispose();
}

/// <summary>What an engine failure does to the command.</summary>
internal enum OnFailure
{
    /// <summary>A terminating ErrorRecord: the command stops (a failed credential call must stop a runbook, not let it carry on as the previous identity).</summary>
    EndCommand,

    /// <summary>
    /// A non-terminating ErrorRecord when the failure is the pipeline item's own
    /// (<see cref="ErrorRecords.BelongsToItem"/>), so the next item goes on; otherwise EndCommand.
    /// </summary>
    ItemsOwn,

    /// <summary>A non-terminating ErrorRecord for any failure: each item stands alone (a file to import).</summary>
    WriteError,

    /// <summary>The exception to the caller, which decides (Test-StsCredential: keys STS rejects are False, not an error).</summary>
    Throw,
}

/// <summary>An STS call of a cmdlet: the engine, the command's connection options, its log, Ctrl+C.</summary>
internal delegate Task<T> StsCall<T>(StsService service, ConnectionOptions connection, IStsLog log, CancellationToken cancellationToken);
