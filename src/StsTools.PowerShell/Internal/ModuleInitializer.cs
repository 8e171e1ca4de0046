using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Management.Automation;

namespace StsTools.PowerShell.Internal;

/// <summary>
/// On Windows PowerShell 5.1 (.NET Framework) the netstandard2.0 shims the SDK needs
/// (System.Memory, System.Text.Json, ...) ship in bin/Desktop and are resolved from there by
/// simple name, which also stands in for the binding redirects a module cannot declare.
/// PowerShell 7 has them in-box, so nothing is hooked there.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string DesktopDirectory =
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "Desktop");

    /// <summary>Hooks assembly resolution on .NET Framework.</summary>
    public void OnImport()
    {
        if (IsDesktop) AppDomain.CurrentDomain.AssemblyResolve += ResolveShim;
    }

    /// <summary>Unhooks it when the module is removed.</summary>
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        if (IsDesktop) AppDomain.CurrentDomain.AssemblyResolve -= ResolveShim;
    }

    private static bool IsDesktop => RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    private static Assembly? ResolveShim(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name).Name;
        if (name is null) return null;
        var path = Path.Combine(DesktopDirectory, name + ".dll");
        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }
}
