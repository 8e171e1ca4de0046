using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace StsTools.ReadyToRunProfile;

/// <summary>The framework of one target runtime and the module's assemblies, as metadata only (never run).</summary>
internal sealed class ProfileUniverse : IDisposable
{
    private readonly MetadataLoadContext _context;
    private readonly string _assemblies;

    public ProfileUniverse(string framework, string assemblies)
    {
        _assemblies = assemblies;
        // The model assembly the engine's types name lives one folder up, in the module's bin/
        // (PowerShell's default load context), not in Dependencies/.
        var model = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(assemblies).TrimEnd(Path.DirectorySeparatorChar))!, "StsTools.Model.dll");
        var paths = Directory.GetFiles(framework, "*.dll").Concat(Directory.GetFiles(assemblies, "*.dll"))
            .Concat(File.Exists(model) ? new[] { model } : Array.Empty<string>());
        _context = new MetadataLoadContext(new PathAssemblyResolver(paths), "System.Private.CoreLib");
        Core = _context.CoreAssembly ?? throw new InvalidOperationException("no System.Private.CoreLib in " + framework);
    }

    /// <summary>The target runtime's System.Private.CoreLib.</summary>
    public Assembly Core { get; }

    public Assembly Load(string name) => _context.LoadFromAssemblyPath(Path.Combine(_assemblies, name + ".dll"));

    public Assembly Load(AssemblyName reference) => _context.LoadFromAssemblyName(reference);

    public Type CoreType(string fullName) => Core.GetType(fullName, throwOnError: true)!;

    public void Dispose() => _context.Dispose();
}
