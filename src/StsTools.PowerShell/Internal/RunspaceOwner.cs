using System;
using System.Management.Automation.Runspaces;

namespace StsTools.PowerShell.Internal;

/// <summary>
/// Who a command runs for, as the engine's environment gate knows owners: the runspace of the
/// pipeline thread. Every runspace of the process shares the environment; each is one owner.
/// </summary>
internal static class RunspaceOwner
{
    /// <summary>The current runspace's id (read on the pipeline thread); empty outside any runspace.</summary>
    public static Guid Current => Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;
}
