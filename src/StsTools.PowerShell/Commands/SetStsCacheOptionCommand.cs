using System;
using System.Management.Automation;
using StsTools.Caching;
using StsTools.PowerShell.Transformation;
using StsTools.Errors;

namespace StsTools.PowerShell.Commands;

/// <summary>
/// Changes how session tokens and role sessions are cached: the refresh window, the on-disk cache, its folder.
/// </summary>
[Cmdlet(VerbsCommon.Set, "StsCacheOption", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(CacheOptions))]
public sealed class SetStsCacheOptionCommand : LocalCmdletBase
{
    /// <summary>Share cached credentials with other processes through owner-only files; <c>-DiskCache:$false</c> turns it off.</summary>
    [Parameter]
    public SwitchParameter DiskCache { get; set; }

    /// <summary>Where the on-disk cache lives.</summary>
    [Parameter]
    public string? Directory { get; set; }

    /// <summary>Refetch when the cached credentials expire within this time (seconds or a TimeSpan).</summary>
    [Parameter]
    [SecondsTransformation]
    public TimeSpan RefreshWindow { get; set; }

    /// <summary>Output the resulting options.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var current = Service.CacheOptions;
        var next = new CacheOptions
        {
            DiskEnabled = MyInvocation.BoundParameters.ContainsKey(nameof(DiskCache)) ? DiskCache.IsPresent : current.DiskEnabled,
            Directory = Directory is null ? current.Directory : ResolvePath(Directory, nameof(Directory)),
            RefreshWindow = MyInvocation.BoundParameters.ContainsKey(nameof(RefreshWindow)) ? RefreshWindow : current.RefreshWindow,
            LockTimeout = current.LockTimeout,
        };
        if (next.RefreshWindow < TimeSpan.Zero)
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("RefreshWindow cannot be negative."), ErrorIds.InvalidRefreshWindow, ErrorCategory.InvalidArgument, RefreshWindow));
        if (ShouldProcess("the credential cache", $"Set disk cache {(next.DiskEnabled ? "on (" + next.Directory + ")" : "off")}, refresh window {next.RefreshWindow}"))
        {
            Service.CacheOptions = next;
            if (next.DiskEnabled) CacheReaderWarmup.Start(); // the next disk hit finds the reader warm
        }
        if (PassThru) WriteObject(Service.CacheOptions);
    }
}
