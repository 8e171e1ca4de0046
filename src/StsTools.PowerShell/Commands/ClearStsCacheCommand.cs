using System.Management.Automation;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Forgets every cached session token and role session, in memory and on disk.
/// </summary>
[Cmdlet(VerbsCommon.Clear, "StsCache", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
public sealed class ClearStsCacheCommand : LocalCmdletBase
{
    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (!ShouldProcess(Service.CacheOptions.DiskEnabled ? "the in-memory cache and " + Service.CacheOptions.Directory : "the in-memory cache", "Clear cached credentials")) return;
        var removed = Run(_ => Service.ClearCache());
        WriteVerbose($"Cleared the credential cache ({removed} disk entries removed).");
    }
}
