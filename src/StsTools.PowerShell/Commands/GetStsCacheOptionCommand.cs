using System.Management.Automation;
using StsTools.Caching;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Shows how session tokens and role sessions are cached now: the refresh window, whether the disk cache is on, its folder.
/// </summary>
[Cmdlet(VerbsCommon.Get, "StsCacheOption")]
[OutputType(typeof(CacheOptions))]
public sealed class GetStsCacheOptionCommand : LocalCmdletBase
{
    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        // A copy: changing the returned object must not change the cache behind Set-StsCacheOption's back.
        var current = Service.CacheOptions;
        WriteObject(new CacheOptions
        {
            DiskEnabled = current.DiskEnabled,
            Directory = current.Directory,
            RefreshWindow = current.RefreshWindow,
            LockTimeout = current.LockTimeout,
        });
    }
}
