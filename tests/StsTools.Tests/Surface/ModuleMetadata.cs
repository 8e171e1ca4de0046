using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using StsTools.Tests.Infrastructure;

namespace StsTools.Tests.Surface;

/// <summary>A parameter as PowerShell would see it, read from custom attribute metadata.</summary>
public sealed record CmdletParameter(string Name, Type Type, string ParameterSet, bool Mandatory, int Position, bool ValueFromPipeline, bool ValueFromPipelineByPropertyName, IReadOnlyList<string> Aliases);

/// <summary>A cmdlet class from the staged module assembly, read without executing it.</summary>
public sealed record CmdletInfo(string Name, Type Type, IReadOnlyList<CmdletParameter> Parameters, IReadOnlyList<Type> OutputTypes, bool SupportsShouldProcess, string? DefaultParameterSet);

/// <summary>
/// Loads the staged module (bin/) into a MetadataLoadContext together with the
/// PowerShellStandard stub, so the surface can be checked on a machine without PowerShell.
/// </summary>
public sealed class ModuleMetadata : IDisposable
{
    private const int NoPosition = int.MinValue;
    private readonly MetadataLoadContext _context;

    public ModuleMetadata()
    {
        BinDirectory = Path.Combine(TestEnvironment.RepoRoot, "bin");
        var sma = Path.Combine(AppContext.BaseDirectory, "System.Management.Automation.dll");
        var runtime = Directory.GetFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll");
        var paths = runtime.Concat(Directory.GetFiles(BinDirectory, "*.dll")).Concat(Directory.GetFiles(Path.Combine(BinDirectory, "Dependencies"), "*.dll")).Append(sma)
            .GroupBy(Path.GetFileName).Select(g => g.Last());
        _context = new MetadataLoadContext(new PathAssemblyResolver(paths));
        Cmdlets = _context.LoadFromAssemblyPath(Path.Combine(BinDirectory, "StsTools.PowerShell.dll"));
        Engine = _context.LoadFromAssemblyName("StsTools");
        Model = _context.LoadFromAssemblyName("StsTools.Model");
        Automation = _context.LoadFromAssemblyPath(sma);
        AllCmdlets = Cmdlets.GetTypes().Select(Describe).Where(c => c is not null).Select(c => c!).OrderBy(c => c.Name).ToList();
        TypeDefs = LoadTypeDefs();
    }

    public string BinDirectory { get; }
    public Assembly Cmdlets { get; }
    public Assembly Engine { get; }
    /// <summary>The types users see, in PowerShell's default load context (bin/StsTools.Model.dll).</summary>
    public Assembly Model { get; }
    public Assembly Automation { get; }
    public IReadOnlyList<CmdletInfo> AllCmdlets { get; }
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, (string Type, bool Required)>> TypeDefs { get; }

    public CmdletInfo Cmdlet(string name) => AllCmdlets.Single(c => c.Name == name);

    private static CmdletInfo? Describe(Type type)
    {
        var cmdletAttr = type.CustomAttributes.SingleOrDefault(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute");
        if (cmdletAttr is null) return null;
        var name = $"{cmdletAttr.ConstructorArguments[0].Value}-{cmdletAttr.ConstructorArguments[1].Value}";
        bool Named(CustomAttributeData a, string n) => a.NamedArguments.Any(x => x.MemberName == n && x.TypedValue.Value is true);
        var parameters = new List<CmdletParameter>();
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var aliases = p.CustomAttributes.Where(a => a.AttributeType.FullName == "System.Management.Automation.AliasAttribute")
                .SelectMany(a => ((IEnumerable<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!).Select(v => (string)v.Value!)).ToList();
            foreach (var pa in p.CustomAttributes.Where(a => a.AttributeType.FullName == "System.Management.Automation.ParameterAttribute"))
            {
                var set = pa.NamedArguments.FirstOrDefault(x => x.MemberName == "ParameterSetName").TypedValue.Value as string ?? "__AllParameterSets";
                var pos = pa.NamedArguments.FirstOrDefault(x => x.MemberName == "Position").TypedValue.Value is int i ? i : NoPosition;
                parameters.Add(new CmdletParameter(p.Name, p.PropertyType, set, Named(pa, "Mandatory"), pos, Named(pa, "ValueFromPipeline"), Named(pa, "ValueFromPipelineByPropertyName"), aliases));
            }
        }
        var outputs = type.CustomAttributes.Where(a => a.AttributeType.FullName == "System.Management.Automation.OutputTypeAttribute")
            .SelectMany(a => ((IEnumerable<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!).Select(v => (Type)v.Value!)).ToList();
        var defaultSet = cmdletAttr.NamedArguments.FirstOrDefault(x => x.MemberName == "DefaultParameterSetName").TypedValue.Value as string;
        return new CmdletInfo(name, type, parameters, outputs, Named(cmdletAttr, "SupportsShouldProcess"), defaultSet);
    }

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, (string, bool)>> LoadTypeDefs()
    {
        var path = Path.Combine(TestEnvironment.RepoRoot, "..", "shared", "spec", "sts-typedefs.json");
        if (!File.Exists(path)) path = Path.Combine(TestEnvironment.RepoRoot, "tests", "spec", "sts-typedefs.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.EnumerateObject().ToDictionary(
            t => t.Name,
            t => (IReadOnlyDictionary<string, (string, bool)>)t.Value.EnumerateObject().ToDictionary(f => f.Name, f => (f.Value.GetProperty("type").GetString()!, f.Value.GetProperty("required").GetBoolean())));
    }

    public void Dispose() => _context.Dispose();
}
