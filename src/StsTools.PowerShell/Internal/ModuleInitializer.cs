using System;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Management.Automation;
using System.Threading;
using StsTools.Caching;

namespace StsTools.PowerShell.Internal;

/// <summary>
/// Wires up where the engine and its dependencies load from, before any cmdlet runs.
/// The module ships them in bin/Dependencies (and the netstandard2.0 shims in bin/Desktop):
/// <list type="bullet">
/// <item>PowerShell 7: StsTools.Isolation loads them into a private AssemblyLoadContext, so an
/// AWSSDK.Core another module (AWS.Tools) loaded cannot clash with ours.</item>
/// <item>Windows PowerShell 5.1 (no load contexts): an AssemblyResolve handler loads them, and the
/// shims, by simple name, which also stands in for the binding redirects a module cannot declare.</item>
/// </list>
/// The types users see (StsTools.Model) live in bin/ beside this assembly, in the default context,
/// on both: PowerShell reads the cmdlet types' attributes and signatures before it calls
/// <see cref="OnImport"/>, so none of them may name an engine type (a surface test checks it).
/// If the private context cannot be set up, the 5.1 way is used, so the module still works.
/// Then, on a pool thread, the engine and the AWS SDK are loaded (<c>StsService.Preload</c>;
/// <see cref="PreloadVariable"/>=0 opts out) and, when the environment turns the disk cache on,
/// the cache reader is warmed (<see cref="CacheReaderWarmup"/>), off the user's first command.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string BinDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".";
    private static readonly string DependencyDirectory = Path.Combine(BinDirectory, "Dependencies");
    private static readonly string DesktopDirectory = Path.Combine(BinDirectory, "Desktop");
    private static Type? _isolation;
    private static bool _resolverHooked;

    /// <summary>The environment variable that, set to 0, keeps the engine unloaded at import.</summary>
    public const string PreloadVariable = "STSMODULE_PRELOAD";


    /// <summary>Sets up the loading before the first cmdlet needs the engine.</summary>
    public void OnImport()
    {
        RunspaceOwner.NoteImport();
        if (IsDesktop || !TryIsolate())
        {
            AppDomain.CurrentDomain.AssemblyResolve += ResolveFromModule;
            _resolverHooked = true;
        }
        // Queued, not run: the engine loads on a pool thread, so the import does not wait for it.
        // The cache reader is warmed there too when the environment turns the disk cache on (read
        // through the model assembly, which is loaded already; the variable is looked at first, so
        // an import without it JIT-compiles none of CacheOptions).
        var warmCache = Environment.GetEnvironmentVariable(CacheOptions.DiskCacheVariable) is not null
            && CacheOptions.FromEnvironment(Environment.GetEnvironmentVariable).DiskEnabled;
        // STSMODULE_PRELOAD=0: the engine stays unloaded until a command needs it.
        var preload = Environment.GetEnvironmentVariable(PreloadVariable) != "0";
        if (!preload && !warmCache) return;
        ThreadPool.QueueUserWorkItem(_ =>
        {
            try
            {
                // The engine and the AWS SDK load here, beside the rest of the import and whatever
                // the session does next, instead of inside its first STS command.
                if (preload) PreloadEngine();
                if (warmCache) WarmCacheReader();
            }
            catch (Exception) { } // an engine that cannot load says so at the first command, where it can be reported
        });
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PreloadEngine() => Service.StsService.Preload();

    // Apart from OnImport: naming an engine type makes the JIT load the engine, which must wait
    // until the loading above is set up, and may fail (inside the caller's try).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WarmCacheReader() => CacheReaderWarmup.Start();

    /// <summary>Undoes <see cref="OnImport"/> when the module is removed.</summary>
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        _isolation?.GetMethod("Uninstall", BindingFlags.Public | BindingFlags.Static)?.Invoke(null, null);
        _isolation = null;
        if (_resolverHooked) AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromModule;
        _resolverHooked = false;
    }

    private static bool IsInModule(string? location) =>
        !string.IsNullOrEmpty(location) && Path.GetFullPath(location).StartsWith(Path.GetFullPath(BinDirectory), StringComparison.OrdinalIgnoreCase);

    private static bool IsDesktop => RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    private static bool TryIsolate()
    {
        try
        {
            // By reflection: this assembly is netstandard2.0 and cannot name AssemblyLoadContext.
            var assembly = Assembly.LoadFrom(Path.Combine(BinDirectory, "StsTools.Isolation.dll"));
            var type = assembly.GetType("StsTools.Isolation.DependencyIsolation", throwOnError: true)!;
            type.GetMethod("Install", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, new object[] { DependencyDirectory });
            _isolation = type;
            return true;
        }
        catch (Exception)
        {
            return false; // an older runtime or a damaged install: fall back to shared loading
        }
    }

    private static Assembly? ResolveFromModule(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name).Name;
        if (name is null) return null;
        // Only for the module's own loads: a request from an assembly of the module's folders, or
        // for the module's own assemblies by name. Another module's failed load of, say,
        // System.Text.Json or AWSSDK.Core must fail as it would without this module.
        var requester = args.RequestingAssembly;
        var fromModule = requester is not null && !requester.IsDynamic && IsInModule(requester.Location);
        if (!fromModule && name != "StsTools" && name != "StsTools.Model") return null;
        // bin/ too: the engine, loaded from Dependencies/, asks for the model assembly that the
        // cmdlets (and PowerShell's reflection over them, before OnImport) loaded from bin/, and
        // LoadFrom of that same path hands back that same assembly.
        foreach (var directory in new[] { DependencyDirectory, DesktopDirectory, BinDirectory })
        {
            var path = Path.Combine(directory, name + ".dll");
            if (File.Exists(path)) return Assembly.LoadFrom(path);
        }
        return null;
    }
}
