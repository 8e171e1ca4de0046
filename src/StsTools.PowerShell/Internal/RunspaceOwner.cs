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

    /// <summary>The owner: the enclosing block's, else the current runspace's id (read on the pipeline thread); empty outside any runspace.</summary>
    public static Guid Current => Block.Value ?? Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;

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
