using System.Management.Automation;
using Microsoft.PowerShell.Commands;
using StsTools.Errors;

namespace StsTools.PowerShell.Internal;

/// <summary>
/// A path parameter as the user meant it: relative to the current PowerShell location (not the
/// process's working folder), ~ expanded, and on the file system. A path of another provider
/// (Env:\X, HKCU:\..., Variable:\...) would otherwise become a file of that name in the process's
/// working folder; it is refused instead.
/// </summary>
internal static class FileSystemPaths
{
    public static string Resolve(PSCmdlet cmdlet, string path, string parameterName)
    {
        var resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
        if (provider.ImplementingType != typeof(FileSystemProvider))
            cmdlet.ThrowTerminatingError(new ErrorRecord(
                new PSArgumentException($"-{parameterName} '{path}' is a path of the {provider.Name} provider; give a file system path."),
                ErrorIds.NotAFileSystemPath, ErrorCategory.InvalidArgument, path));
        return resolved;
    }
}
