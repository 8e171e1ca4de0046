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
public abstract class LocalCmdletBase : PSCmdlet
{
    /// <summary>The engine instance shared by all commands of the session.</summary>
    private protected static StsService Service => StsService.Shared;

    /// <summary>Runs an engine step, writing its log and turning failures into terminating ErrorRecords.</summary>
    private protected T? Run<T>(Func<IStsLog, T> step)
    {
        var log = new BufferedLog();
        try
        {
            return step(log);
        }
        catch (StsToolsException ex)
        {
            Flush(log);
            ThrowTerminatingError(ErrorRecords.From(ex, MyInvocation));
            return default;
        }
        finally
        {
            Flush(log);
        }
    }

    /// <summary>Runs an asynchronous engine step to completion on a worker task.</summary>
    private protected T? RunAsync<T>(Func<IStsLog, CancellationToken, Task<T>> step) =>
        Run(log => Task.Run(() => step(log, CancellationToken.None)).GetAwaiter().GetResult());

    /// <summary>
    /// Warns when <paramref name="credentials"/> have already expired: importing or setting them works,
    /// but every call made with them will fail, and the user should hear it now rather than from STS.
    /// </summary>
    protected void WarnIfExpired(StsTools.Model.Credentials credentials, string where)
    {
        if (credentials.Expiration == default) return;
        var ago = DateTime.UtcNow - credentials.Expiration.ToUniversalTime();
        if (ago <= TimeSpan.Zero) return;
        var howLong = ago.TotalHours >= 48 ? $"{(int)ago.TotalDays} days" : ago.TotalMinutes >= 120 ? $"{(int)ago.TotalHours} hours" : $"{Math.Max(1, (int)ago.TotalMinutes)} minutes";
        WriteWarning($"The credentials {where} expired at {credentials.Expiration.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z, {howLong} ago: AWS will reject them. Get new ones (Use-StsRole, Get-StsSessionToken) or check with Test-StsCredential.");
    }

    /// <summary>A file system path as the user meant it: relative to the current PowerShell location, ~ expanded; other providers' paths refused.</summary>
    protected string ResolvePath(string path, string parameterName = "Path") => FileSystemPaths.Resolve(this, path, parameterName);

    private void Flush(BufferedLog log)
    {
        while (log.TryTake(out var kind, out var text))
        {
            switch (kind)
            {
                case LogKind.Verbose: WriteVerbose(text); break;
                case LogKind.Warning: WriteWarning(text); break;
                default: WriteDebug(text); break;
            }
        }
    }
}
