using System;
using System.Management.Automation.Runspaces;

namespace StsTools.PowerShell.Internal;

/// <summary>
/// Who a command runs for, as the engine's environment gate knows owners: the runspace of the
/// pipeline thread. Every runspace of the process shares the environment; each is one owner.
/// </summary>
internal static class RunspaceOwner
{
    // The owner of the Invoke-StsCommand block running on this thread, flowing (as .NET flows
    // its ExecutionContext) into the runspaces the block starts: ForEach-Object -Parallel,
    // Start-ThreadJob, [powershell]::Create(). They are part of the block: they act as its
    // credentials, and their own Invoke-StsCommand or Set-StsEnvironment goes straight in
    // instead of waiting for the block that waits for them.
    private static readonly System.Threading.AsyncLocal<Guid?> Block = new();

    // Which block started each runspace that runs inside one, for the gate (ParentOf).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Guid> Parents = new();

    /// <summary>
    /// The owner: the current runspace's id (read on the pipeline thread), noting the block it was
    /// started in, if any (<see cref="ParentOf"/>); the enclosing block's off the pipeline thread;
    /// empty outside any runspace.
    /// </summary>
    public static Guid Current
    {
        get
        {
            var block = Block.Value;
            if (Runspace.DefaultRunspace?.InstanceId is not { } id) return block ?? Guid.Empty;
            if (block is { } parent && parent != id) Parents[id] = parent;
            else Parents.TryRemove(id, out _);
            return id;
        }
    }

    /// <summary>The owner of the block in which the runspace <paramref name="owner"/> was started, if it runs inside one.</summary>
    public static Guid? ParentOf(Guid owner) => Parents.TryGetValue(owner, out var parent) ? parent : null;

    // The runspace the module was first imported in: the session's or the script's own. Its
    // environment writes are the process's, as a shell's are; every other runspace's stand only
    // until its Clear-StsEnvironment (EnvironmentGate.Stand).
    private static readonly object FirstLock = new();
    private static Guid _first;

    /// <summary>Notes the importing runspace as the process's first, if none is noted yet.</summary>
    public static void NoteImport()
    {
        if (Runspace.DefaultRunspace?.InstanceId is not { } id) return;
        lock (FirstLock) if (_first == Guid.Empty) _first = id;
    }

    /// <summary>True on the process's first runspace (or where no runspace is known).</summary>
    public static bool IsFirst
    {
        get
        {
            var id = Runspace.DefaultRunspace?.InstanceId;
            lock (FirstLock) return id is null || _first == Guid.Empty || id == _first;
        }
    }

    /// <summary>
    /// For a runspace other than the process's first: whether it is still running something (its
    /// environment writes stand until then, or until its Clear-StsEnvironment); null on the first.
    /// </summary>
    public static Func<bool>? StandingWhileRunning()
    {
        if (IsFirst || Runspace.DefaultRunspace is not { } runspace) return null;
        // When its script ends (idle) or it closes, its standing credentials are put back at once,
        // not only when another runspace next asks for the environment.
        if (Watched.TryAdd(runspace.InstanceId, true))
        {
            var id = runspace.InstanceId;
            runspace.AvailabilityChanged += (sender, e) => { if (e.RunspaceAvailability == RunspaceAvailability.Available) OnIdle?.Invoke(id); };
            runspace.StateChanged += (sender, e) => { if (e.RunspaceStateInfo.State is RunspaceState.Closed or RunspaceState.Broken) { OnIdle?.Invoke(id); Watched.TryRemove(id, out _); } };
        }
        return () => runspace.RunspaceStateInfo.State == RunspaceState.Opened && runspace.RunspaceAvailability != RunspaceAvailability.Available;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, bool> Watched = new();

    /// <summary>Called with a runspace's id when it becomes idle or closes (set by the layer that owns the engine).</summary>
    public static Action<Guid>? OnIdle { get; set; }

    /// <summary>
    /// After this runspace's credentials came to stand in the environment: the runspaces it starts
    /// from here on act as its own (nested, as a block's do), so they never wait for it.
    /// </summary>
    public static void MarkStanding(Guid owner) => Block.Value = owner;

    /// <summary>After its standing credentials were put back: what it starts is its own again.</summary>
    public static void UnmarkStanding(Guid owner)
    {
        if (Block.Value == owner) Block.Value = null;
    }

    /// <summary>Marks this thread, and what it starts until disposed, as running <paramref name="owner"/>'s block.</summary>
    public static IDisposable EnterBlock(Guid owner)
    {
        var previous = Block.Value;
        Block.Value = owner;
        return new Restore(previous);
    }

    private sealed class Restore : IDisposable
    {
        private readonly Guid? _previous;

        public Restore(Guid? previous) => _previous = previous;

        public void Dispose() => Block.Value = _previous;
    }
}
