using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace StsTools.Isolation;

/// <summary>
/// The "resolving dependency conflicts" pattern of the PowerShell docs: the cmdlet assembly lives
/// in the default load context; the engine (StsTools) and everything it needs from the module's
/// Dependencies folder live in <see cref="StsLoadContext"/>. Only a request for the engine itself
/// is redirected, so no other module's loads are touched.
/// </summary>
public static class DependencyIsolation
{
    /// <summary>The simple name of the one assembly the default context is redirected for.</summary>
    public const string EngineAssemblyName = "StsTools";

    /// <summary>
    /// The assembly of the types users see (responses, credentials, ...): it lives in the default
    /// context beside the cmdlets, and the private context hands requests for it there, so the
    /// engine and PowerShell share one copy of each type.
    /// </summary>
    public const string ModelAssemblyName = "StsTools.Model";

    private static readonly object Gate = new();
    private static StsLoadContext? _context;

    /// <summary>The private context, once installed.</summary>
    public static AssemblyLoadContext? Context => _context;

    /// <summary>The ReadyToRun folder the private context loads from, or null when it loads the plain assemblies.</summary>
    public static string? ReadyToRunDirectory => _context?.ReadyToRunDirectory;

    /// <summary>Creates the private context over <paramref name="dependencyDirectory"/> and hooks the default context.</summary>
    public static void Install(string dependencyDirectory)
    {
        // LoadFromAssemblyPath takes absolute paths only.
        dependencyDirectory = Path.GetFullPath(dependencyDirectory);
        if (!Directory.Exists(dependencyDirectory))
            throw new DirectoryNotFoundException("The module's Dependencies folder is missing: " + dependencyDirectory);
        lock (Gate)
        {
            if (_context is not null) return;
            _context = new StsLoadContext(dependencyDirectory);
            AssemblyLoadContext.Default.Resolving += ResolveEngine;
        }
    }

    /// <summary>Unhooks the default context (Remove-Module). The private context stays alive for objects still in use.</summary>
    public static void Uninstall()
    {
        lock (Gate)
        {
            AssemblyLoadContext.Default.Resolving -= ResolveEngine;
            _context = null;
        }
    }

    // The engine into the private context; the model, for a host whose default context does not
    // probe the module's folder (PowerShell's does, for the cmdlet assembly it loaded), from bin/.
    private static Assembly? ResolveEngine(AssemblyLoadContext requester, AssemblyName name) =>
        string.Equals(name.Name, EngineAssemblyName, StringComparison.Ordinal) ? _context?.LoadFromAssemblyName(name)
        : string.Equals(name.Name, ModelAssemblyName, StringComparison.Ordinal) ? _context?.SharedModel()
        : null;
}

/// <summary>
/// Loads an assembly from the Dependencies folder when it is there; anything else (the BCL) from the
/// default context. Where the build shipped ReadyToRun images for the running .NET major version
/// and platform (Dependencies/ReadyToRun/net&lt;major&gt;.0-&lt;rid&gt;/), those are loaded instead of
/// the plain netstandard2.0 copies: the same assemblies with their code precompiled, so the first
/// command of a session does not wait for the JIT.
/// </summary>
public sealed class StsLoadContext : AssemblyLoadContext
{
    /// <summary>Set to 0 or false, the plain assemblies are loaded even where ReadyToRun images exist.</summary>
    public const string ReadyToRunVariable = "STSMODULE_READYTORUN";

    private readonly string _directory;

    /// <summary>Creates the context over a folder.</summary>
    public StsLoadContext(string directory) : base("StsModule", isCollectible: false)
    {
        _directory = directory;
        ReadyToRunDirectory = FindReadyToRunDirectory(directory);
    }

    /// <summary>The ReadyToRun folder in use for this runtime and platform, or null for the plain assemblies.</summary>
    public string? ReadyToRunDirectory { get; }

    /// <summary>The folder name ReadyToRun images for this process would have, such as "net10.0-linux-x64".</summary>
    public static string ReadyToRunFolderName
    {
        get
        {
            // Plain string work only: this runs at Import-Module, before anything has initialised
            // culture data, and ToLowerInvariant or a format string would pay for that here.
            var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
            var arch = RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X64 => "x64",
                Architecture.Arm64 => "arm64",
                Architecture.X86 => "x86",
                Architecture.Arm => "arm",
                var other => other.ToString().ToLowerInvariant(),
            };
            return "net" + Environment.Version.Major.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".0-" + os + "-" + arch;
        }
    }

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (string.Equals(assemblyName.Name, DependencyIsolation.ModelAssemblyName, StringComparison.Ordinal))
            return SharedModel();
        var file = assemblyName.Name + ".dll";
        var path = Path.Combine(_directory, file);
        if (!File.Exists(path)) return null;
        // Only assemblies the plain folder has are taken from the ReadyToRun folder, so a partial
        // ReadyToRun set can never add or replace anything else.
        if (ReadyToRunDirectory is not null)
        {
            var precompiled = Path.Combine(ReadyToRunDirectory, file);
            if (File.Exists(precompiled)) return LoadFromAssemblyPath(precompiled);
        }
        return LoadFromAssemblyPath(path);
    }

    // The copy PowerShell loaded with the cmdlets (their signatures name its types), else the one
    // beside them in bin/, loaded into the default context: never a second copy in this context.
    internal Assembly SharedModel()
    {
        foreach (var loaded in Default.Assemblies)
        {
            if (string.Equals(loaded.GetName().Name, DependencyIsolation.ModelAssemblyName, StringComparison.Ordinal)) return loaded;
        }
        var parent = Path.GetDirectoryName(_directory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)) ?? _directory;
        return Default.LoadFromAssemblyPath(Path.Combine(parent, DependencyIsolation.ModelAssemblyName + ".dll"));
    }

    private static string? FindReadyToRunDirectory(string directory)
    {
        var setting = Environment.GetEnvironmentVariable(ReadyToRunVariable);
        if (string.Equals(setting, "0", StringComparison.Ordinal) || string.Equals(setting, "false", StringComparison.OrdinalIgnoreCase))
            return null;
        var candidate = Path.Combine(directory, "ReadyToRun", ReadyToRunFolderName);
        return Directory.Exists(candidate) ? candidate : null;
    }
}
