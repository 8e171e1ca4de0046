using System;
using System.IO;
using System.Reflection;
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

    private static readonly object Gate = new();
    private static StsLoadContext? _context;

    /// <summary>The private context, once installed.</summary>
    public static AssemblyLoadContext? Context => _context;

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

    private static Assembly? ResolveEngine(AssemblyLoadContext requester, AssemblyName name) =>
        string.Equals(name.Name, EngineAssemblyName, StringComparison.Ordinal) ? _context?.LoadFromAssemblyName(name) : null;
}

/// <summary>Loads an assembly from the Dependencies folder when it is there; anything else (the BCL) from the default context.</summary>
public sealed class StsLoadContext : AssemblyLoadContext
{
    private readonly string _directory;

    /// <summary>Creates the context over a folder.</summary>
    public StsLoadContext(string directory) : base("StsModule", isCollectible: false) => _directory = directory;

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = Path.Combine(_directory, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
