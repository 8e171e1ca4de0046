using System.Management.Automation;
using StsTools.PowerShell.Internal;

namespace StsTools.PowerShell;

/// <summary>
/// For cmdlets that work on this machine only (cache, files, environment, regions): no
/// connection parameters; they call the engine with <see cref="StsModuleCmdlet"/>'s Run.
/// </summary>
public abstract class LocalCmdletBase : StsModuleCmdlet
{
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
