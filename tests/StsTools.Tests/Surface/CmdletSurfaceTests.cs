using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Surface;

/// <summary>The cmdlet surface as PowerShell will see it, read from the built module's metadata.</summary>
public sealed class CmdletSurfaceTests : IClassFixture<ModuleMetadata>
{
    private readonly ModuleMetadata _m;

    public CmdletSurfaceTests(ModuleMetadata m) => _m = m;

    public static IEnumerable<object[]> Catalog() => CmdletCatalog.All.Select(e => new object[] { e.Cmdlet });

    [Fact]
    public void The_compiled_cmdlets_are_exactly_the_catalogued_ones()
    {
        Assert.Equal(CmdletCatalog.All.Select(e => e.Cmdlet).OrderBy(n => n), _m.AllCmdlets.Select(c => c.Name));
    }

    [Fact]
    public void The_manifest_exports_exactly_the_compiled_cmdlets()
    {
        var manifest = File.ReadAllText(Path.Combine(TestEnvironment.RepoRoot, "StsModule.psd1"));
        var block = Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\((?<list>[^)]*)\)").Groups["list"].Value;
        var exported = Regex.Matches(block, "'([^']+)'").Select(m => m.Groups[1].Value).OrderBy(n => n);
        Assert.Equal(_m.AllCmdlets.Select(c => c.Name), exported);
        Assert.Matches(@"RootModule\s*=\s*'bin/StsTools.PowerShell.dll'", manifest);
        Assert.Matches(@"CompatiblePSEditions\s*=\s*@\('Desktop',\s*'Core'\)", manifest);
        Assert.Matches(@"PowerShellVersion\s*=\s*'5.1'", manifest);
        Assert.Matches(@"FunctionsToExport\s*=\s*@\(\)", manifest);
        Assert.Matches(@"AliasesToExport\s*=\s*@\(\)", manifest);
        Assert.Matches(@"VariablesToExport\s*=\s*@\(\)", manifest);
        Assert.Matches(@"FormatsToProcess\s*=\s*@\('StsModule.format.ps1xml'\)", manifest);
    }

    [Theory]
    [MemberData(nameof(Catalog))]
    public void Cmdlets_are_sealed_and_declare_their_output(string name)
    {
        var c = _m.Cmdlet(name);
        Assert.True(c.Type.IsSealed, name + " must be sealed");
        Assert.Equal("StsTools.PowerShell.Commands", c.Type.Namespace);
        Assert.Equal(CmdletCatalog.All.Single(e => e.Cmdlet == name).WritesOutput, c.OutputTypes.Count > 0);
    }

    [Theory]
    [MemberData(nameof(Catalog))]
    public void Cmdlets_that_change_state_support_WhatIf(string name)
    {
        var c = _m.Cmdlet(name);
        var verb = name.Split('-')[0];
        var changesState = verb is "Set" or "Clear" or "Export" || c.Parameters.Any(p => p.Name == "SetEnvironment");
        if (changesState) Assert.True(c.SupportsShouldProcess, name + " changes state, so it must support -WhatIf/-Confirm");
    }

    [Theory]
    [MemberData(nameof(Catalog))]
    public void Every_request_field_is_a_parameter_of_the_same_name(string name)
    {
        var entry = CmdletCatalog.All.Single(e => e.Cmdlet == name);
        var c = _m.Cmdlet(name);
        if (entry.RequestTypeDef is null) return;
        foreach (var (field, (_, required)) in _m.TypeDefs[entry.RequestTypeDef])
        {
            // The STS field name is the parameter's name, or, for a list field that PowerShell's
            // guidelines name in the singular (-Tag, -PolicyArn), its alias.
            var parameter = c.Parameters.Where(p => p.Name == field || (p.Aliases.Contains(field) && field == p.Name + "s")).Select(p => p.Name).FirstOrDefault();
            Assert.True(parameter is not null, $"{name} has no parameter (or plural alias) for the STS field {field}");
            var mandatory = c.Parameters.Where(p => p.Name == parameter).All(p => p.Mandatory);
            if (entry.DefaultedRequiredFields.Contains(field)) Assert.False(mandatory, $"{name} -{field} has a default and must not be mandatory");
            else Assert.Equal(required, mandatory);
        }
    }

    [Theory]
    [MemberData(nameof(Catalog))]
    public void The_output_type_has_exactly_the_response_shape(string name)
    {
        var entry = CmdletCatalog.All.Single(e => e.Cmdlet == name);
        if (entry.ResponseTypeDef is null) return; // a local cmdlet: no STS response to mirror
        var outputs = _m.Cmdlet(name).OutputTypes;
        var output = Assert.Single(outputs, t => t.Name == entry.ResponseTypeDef.Replace("TypeDef", string.Empty));
        AssertShape(entry.ResponseTypeDef, output);
        // Anything else declared is a PowerShell object view of the same data (-AsObject).
        Assert.All(outputs.Where(t => t != output), t => Assert.Equal("System.Management.Automation.PSObject", t.FullName));
    }

    private void AssertShape(string typeDef, Type type)
    {
        var fields = _m.TypeDefs[typeDef];
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        Assert.Equal(fields.Keys.OrderBy(k => k, StringComparer.Ordinal), properties.Select(p => p.Name).OrderBy(k => k, StringComparer.Ordinal));
        foreach (var p in properties) AssertType(fields[p.Name].Type, p.PropertyType, $"{type.Name}.{p.Name}");
    }

    private void AssertType(string pythonType, Type clr, string where)
    {
        switch (pythonType)
        {
            case "str": Assert.True(clr.FullName == "System.String", where + " should be String, is " + clr); return;
            case "int": Assert.True(clr.FullName == "System.Int32", where + " should be Int32, is " + clr); return;
            case "datetime.datetime": Assert.True(clr.FullName == "System.DateTime", where + " should be DateTime, is " + clr); return;
            case "dict[str, str]":
                Assert.True(clr.IsGenericType && clr.GetGenericTypeDefinition().Name is "Dictionary`2" or "IDictionary`2" or "IReadOnlyDictionary`2", where + " should be a dictionary, is " + clr);
                Assert.All(clr.GetGenericArguments(), a => Assert.Equal("System.String", a.FullName));
                return;
        }
        var sequence = Regex.Match(pythonType, @"^Sequence\[(.+)\]$");
        if (sequence.Success)
        {
            var element = clr.IsArray ? clr.GetElementType()! : clr.GetGenericArguments().Single();
            AssertType(sequence.Groups[1].Value, element, where + "[]");
            return;
        }
        Assert.True(pythonType.EndsWith("TypeDef"), $"{where}: unknown type def type {pythonType}");
        Assert.Equal(pythonType.Replace("TypeDef", string.Empty), clr.Name);
        Assert.Equal("StsTools.Model", clr.Namespace);
        AssertShape(pythonType, clr);
    }

    [Theory]
    [MemberData(nameof(Catalog))]
    public void Every_cmdlet_has_the_common_connection_parameters(string name)
    {
        if (!CmdletCatalog.All.Single(e => e.Cmdlet == name).CallsSts)
        {
            Assert.DoesNotContain(_m.Cmdlet(name).Parameters, p => p.Name is "EndpointUrl" or "AccessKey" or "SecretKey");
            return;
        }
        var parameters = _m.Cmdlet(name).Parameters.Select(p => p.Name).ToHashSet();
        Assert.All(CmdletCatalog.CommonParameters, p => Assert.Contains(p, parameters));
        if (!CmdletCatalog.All.Single(e => e.Cmdlet == name).Signed)
        {
            // An unsigned call uses no credentials: offering a source would only be ignored.
            Assert.All(CmdletCatalog.SourceParameters, p => Assert.DoesNotContain(p, parameters));
            return;
        }
        Assert.All(CmdletCatalog.SourceParameters, p => Assert.Contains(p, parameters));
        var credential = _m.Cmdlet(name).Parameters.Single(p => p.Name == "Credential");
        var entry = CmdletCatalog.All.Single(e => e.Cmdlet == name);
        Assert.Equal(entry.PipelinesCredentials, credential.ValueFromPipelineByPropertyName);
        Assert.Equal(entry.PipelinesCredentials, credential.ValueFromPipeline);
        Assert.Contains("Credentials", credential.Aliases);
        // Where the pipeline does not carry credentials, it carries the cmdlet's subject.
        if (!entry.PipelinesCredentials) Assert.Contains(_m.Cmdlet(name).Parameters, p => p.ValueFromPipeline);
    }

    [Theory]
    [MemberData(nameof(Catalog))]
    public void Credential_sources_are_parameter_sets_of_their_own(string name)
    {
        var entry = CmdletCatalog.All.Single(e => e.Cmdlet == name);
        if (!entry.CallsSts || !entry.Signed) return;
        var c = _m.Cmdlet(name);
        Assert.Equal("Profile", c.DefaultParameterSet);
        string[] SetsOf(string parameter) => c.Parameters.Where(p => p.Name == parameter).Select(p => p.ParameterSet).OrderBy(s => s).ToArray();
        bool MandatoryIn(string parameter, string set) => c.Parameters.Single(p => p.Name == parameter && p.ParameterSet == set).Mandatory;
        Assert.Equal(new[] { "Profile" }, SetsOf("ProfileName"));
        Assert.Equal(new[] { "AccessKey" }, SetsOf("AccessKey"));
        Assert.True(MandatoryIn("AccessKey", "AccessKey"));
        // Not mandatory: PowerShell's prompt for a missing mandatory string would echo the secret.
        Assert.Equal(new[] { "AccessKey" }, SetsOf("SecretKey"));
        Assert.False(MandatoryIn("SecretKey", "AccessKey"));
        Assert.Equal(new[] { "AccessKey" }, SetsOf("SessionToken"));
        Assert.Equal(new[] { "Credential" }, SetsOf("Credential"));
        Assert.True(MandatoryIn("Credential", "Credential"));
        // Everything else works with any source: in every set, or (Get-StsConsoleUrl -InputObject)
        // a mandatory set of its own that stands for the source.
        var sourceNames = CmdletCatalog.SourceParameters.Append("ProfileName").ToHashSet();
        foreach (var group in c.Parameters.Where(p => !sourceNames.Contains(p.Name)).GroupBy(p => p.Name))
        {
            var sets = group.Select(p => p.ParameterSet).ToHashSet();
            var inAll = sets.SetEquals(new[] { "__AllParameterSets" });
            var ownSource = sets.Count == 1 && !CmdletCatalog.SourceSets.Contains(sets.Single()) && group.Single().Mandatory;
            Assert.True(inAll || ownSource, $"{name} -{group.Key} is in {string.Join(", ", sets)}, not in every credential-source set");
        }
    }

    [Theory]
    [MemberData(nameof(Catalog))]
    public void Parameter_sets_are_unambiguous(string name)
    {
        var c = _m.Cmdlet(name);
        var named = c.Parameters.Select(p => p.ParameterSet).Where(s => s != "__AllParameterSets").Distinct().ToList();
        if (named.Count > 1)
        {
            Assert.Contains(c.DefaultParameterSet, named);
            // Any two sets must differ in a mandatory parameter, or PowerShell cannot tell them apart.
            foreach (var a in named)
            foreach (var b in named.Where(b => string.CompareOrdinal(a, b) < 0))
            {
                var ma = c.Parameters.Where(p => p.ParameterSet == a && p.Mandatory).Select(p => p.Name).ToHashSet();
                var mb = c.Parameters.Where(p => p.ParameterSet == b && p.Mandatory).Select(p => p.Name).ToHashSet();
                Assert.False(ma.SetEquals(mb), $"{name}: parameter sets {a} and {b} have the same mandatory parameters");
            }
        }
        var sets = named.Count == 0 ? new List<string> { "__AllParameterSets" } : named;
        foreach (var set in sets)
        {
            var inSet = c.Parameters.Where(p => p.ParameterSet == set || p.ParameterSet == "__AllParameterSets").ToList();
            var positions = inSet.Where(p => p.Position >= 0).Select(p => p.Position).ToList();
            Assert.Equal(positions.Distinct().Count(), positions.Count);
            var byValue = inSet.Where(p => p.ValueFromPipeline).Select(p => p.Type.FullName).ToList();
            Assert.Equal(byValue.Distinct().Count(), byValue.Count);
        }
        var names = c.Parameters.Select(p => p.Name).Distinct().Concat(c.Parameters.SelectMany(p => p.Aliases).Distinct()).ToList();
        Assert.Equal(names.Distinct(StringComparer.OrdinalIgnoreCase).Count(), names.Count);
    }

    [Theory]
    [MemberData(nameof(Catalog))]
    public void Cmdlets_returning_credentials_offer_SetEnvironment_behind_ShouldProcess(string name)
    {
        var c = _m.Cmdlet(name);
        var returnsCredentials = c.OutputTypes.Any(t => t.GetInterfaces().Any(i => i.Name == "ICredentialsResponse"));
        var hasSwitch = c.Parameters.Any(p => p.Name == "SetEnvironment" && p.Type.FullName == "System.Management.Automation.SwitchParameter");
        Assert.Equal(returnsCredentials, hasSwitch);
        if (hasSwitch) Assert.True(c.SupportsShouldProcess, name + " changes the environment, so it must support -WhatIf/-Confirm");
    }

    [Fact]
    public void Engine_error_categories_are_PowerShell_error_categories()
    {
        var psCategories = _m.Automation.GetType("System.Management.Automation.ErrorCategory", true)!.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name).ToHashSet();
        var ours = _m.Engine.GetType("StsTools.Errors.StsErrorCategory", true)!.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name).ToList();
        Assert.NotEmpty(ours);
        Assert.All(ours, n => Assert.Contains(n, psCategories));
    }

    [Fact]
    public void No_AWS_SDK_type_appears_in_a_public_signature()
    {
        var offenders = new List<string>();
        foreach (var assembly in new[] { _m.Engine, _m.Cmdlets, _m.Model })
        foreach (var type in assembly.GetExportedTypes())
        {
            IEnumerable<Type> used = new[] { type.BaseType }.Where(t => t is not null).Select(t => t!).Concat(type.GetInterfaces());
            const BindingFlags visible = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            used = used.Concat(type.GetProperties(visible).Select(p => p.PropertyType))
                .Concat(type.GetFields(visible).Select(f => f.FieldType))
                .Concat(type.GetMethods(visible).SelectMany(mi => mi.GetParameters().Select(p => p.ParameterType).Append(mi.ReturnType)))
                .Concat(type.GetConstructors().SelectMany(ci => ci.GetParameters().Select(p => p.ParameterType)));
            foreach (var t in used.SelectMany(Flatten))
                if (t.Assembly.GetName().Name!.StartsWith("AWSSDK", StringComparison.Ordinal)) offenders.Add($"{type.FullName} uses {t.FullName}");
        }
        Assert.Empty(offenders);
    }

    /// <summary>
    /// Import-Module lists the cmdlet assembly's exported types and reads their attributes
    /// (OutputType names types) before it runs the module initializer that sets up the private
    /// load context; Get-Command and help then read every public and protected member. None of
    /// that may name an engine or SDK type, or the import fails with "Could not load file or
    /// assembly 'StsTools'" (the Pester suite imports the module for real; this says which member).
    /// </summary>
    [Fact]
    public void Nothing_PowerShell_reflects_over_names_the_isolated_engine()
    {
        var offenders = new List<string>();
        const BindingFlags members = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        static bool Visible(MethodBase? m) => m is not null && (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly);
        foreach (var type in _m.Cmdlets.GetExportedTypes())
        {
            var used = new List<(string Where, Type Type)>();
            for (var b = type.BaseType; b is not null; b = b.BaseType) used.Add(("base type", b));
            used.AddRange(type.GetInterfaces().Select(i => ("interface", i)));
            foreach (var a in type.GetCustomAttributesData())
            {
                used.Add(("attribute", a.AttributeType));
                used.AddRange(a.ConstructorArguments.Concat(a.NamedArguments.Select(n => n.TypedValue)).SelectMany(Values).Select(t => ("attribute argument", t)));
            }
            foreach (var p in type.GetProperties(members).Where(p => Visible(p.GetMethod) || Visible(p.SetMethod)))
            {
                used.Add(($"property {p.Name}", p.PropertyType));
                foreach (var a in p.GetCustomAttributesData()) used.Add(($"attribute of {p.Name}", a.AttributeType));
            }
            used.AddRange(type.GetFields(members).Where(f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly || f.FieldType.IsValueType).Select(f => ($"field {f.Name}", f.FieldType)));
            foreach (var m in type.GetMethods(members).Where(Visible))
                used.AddRange(m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType).Select(t => ($"method {m.Name}", t)));
            foreach (var (where, t) in used)
            foreach (var part in Flatten(t))
            {
                var assembly = part.Assembly.GetName().Name!;
                if (assembly == "StsTools" || assembly.StartsWith("AWSSDK", StringComparison.Ordinal)) offenders.Add($"{type.FullName}: {where} uses {part.FullName}");
            }
        }
        Assert.Empty(offenders);

        static IEnumerable<Type> Values(CustomAttributeTypedArgument a) => a.Value switch
        {
            Type t => new[] { t },
            IEnumerable<CustomAttributeTypedArgument> many => many.SelectMany(Values),
            _ => Array.Empty<Type>(),
        };
    }

    [Fact]
    public void The_model_assembly_references_nothing_but_the_base_library()
    {
        // It loads into PowerShell's default context, beside other modules: no SDK, no engine, no shims.
        Assert.All(_m.Model.GetReferencedAssemblies(), r => Assert.Equal("netstandard", r.Name));
    }

    private static IEnumerable<Type> Flatten(Type t)
    {
        yield return t;
        if (t.HasElementType) foreach (var e in Flatten(t.GetElementType()!)) yield return e;
        if (t.IsGenericType) foreach (var a in t.GetGenericArguments().SelectMany(Flatten)) yield return a;
    }

    [Fact]
    public void The_isolation_loader_references_nothing_but_the_runtime()
    {
        using var context = new System.Reflection.MetadataLoadContext(new System.Reflection.PathAssemblyResolver(
            Directory.GetFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll").Append(Path.Combine(_m.BinDirectory, "StsTools.Isolation.dll"))));
        var references = context.LoadFromAssemblyPath(Path.Combine(_m.BinDirectory, "StsTools.Isolation.dll")).GetReferencedAssemblies().Select(r => r.Name!).ToList();
        Assert.DoesNotContain(references, r => r.StartsWith("AWSSDK", StringComparison.Ordinal) || r == "StsTools" || r == "System.Management.Automation");
        // The cmdlet assembly reaches the SDK only through the engine.
        Assert.DoesNotContain(_m.Cmdlets.GetReferencedAssemblies(), r => r.Name!.StartsWith("AWSSDK", StringComparison.Ordinal));
    }

    [Fact]
    public void The_build_output_ships_only_what_each_edition_needs()
    {
        var root = Directory.GetFiles(_m.BinDirectory).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "StsTools.Isolation.dll", "StsTools.Model.dll", "StsTools.PowerShell.dll" }.OrderBy(n => n, StringComparer.Ordinal), root);
        var dependencies = Directory.GetFiles(Path.Combine(_m.BinDirectory, "Dependencies")).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "AWSSDK.Core.dll", "AWSSDK.SSO.dll", "AWSSDK.SSOOIDC.dll", "AWSSDK.SecurityToken.dll", "StsTools.dll" }, dependencies);
        var desktop = Directory.GetFiles(Path.Combine(_m.BinDirectory, "Desktop")).Select(Path.GetFileName).ToArray();
        Assert.Contains("System.Text.Json.dll", desktop);
        Assert.Contains("System.Memory.dll", desktop);
        Assert.DoesNotContain("System.Management.Automation.dll", desktop);
        Assert.Empty(Directory.GetFiles(_m.BinDirectory, "System.Management.Automation.dll", SearchOption.AllDirectories));
    }

    [Fact]
    public void The_vendored_type_defs_match_the_shared_spec()
    {
        var shared = Path.Combine(TestEnvironment.RepoRoot, "..", "shared", "spec", "sts-typedefs.json");
        if (!File.Exists(shared)) return; // a clone without ../shared uses the vendored copy alone
        Assert.Equal(File.ReadAllText(shared), File.ReadAllText(Path.Combine(TestEnvironment.RepoRoot, "tests", "spec", "sts-typedefs.json")));
    }
}
