using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Surface;

/// <summary>
/// docs/en-US/&lt;Cmdlet&gt;.md is PlatyPS (schema 2.0.0) help: every parameter documented, its YAML
/// block agreeing with the compiled attributes, at least two examples, the real output type.
/// </summary>
public sealed class DocsTests : IClassFixture<ModuleMetadata>
{
    private readonly ModuleMetadata _m;

    public DocsTests(ModuleMetadata m) => _m = m;

    public static IEnumerable<object[]> Cmdlets() => CmdletCatalog.All.Select(e => new object[] { e.Cmdlet });

    private static string Doc(string cmdlet)
    {
        var path = Path.Combine(TestEnvironment.RepoRoot, "docs", "en-US", cmdlet + ".md");
        Assert.True(File.Exists(path), "missing " + path);
        return File.ReadAllText(path).Replace("\r\n", "\n");
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Has_platyPS_front_matter_and_sections(string cmdlet)
    {
        var doc = Doc(cmdlet);
        Assert.StartsWith("---\nexternal help file: StsTools.PowerShell.dll-Help.xml\nModule Name: StsModule\n", doc);
        Assert.Contains("\nschema: 2.0.0\n", doc);
        Assert.Contains($"\n# {cmdlet}\n", doc);
        var sections = Regex.Matches(doc, @"^## (.+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(new[] { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" }, sections);
        Assert.True(Regex.Matches(doc, @"^### Example \d+", RegexOptions.Multiline).Count >= 2, cmdlet + " needs at least two examples");
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Documents_every_parameter_exactly_as_compiled(string cmdlet)
    {
        var doc = Doc(cmdlet);
        var c = _m.Cmdlet(cmdlet);
        var expected = c.Parameters.Select(p => p.Name).Distinct().ToList();
        if (c.SupportsShouldProcess) expected.AddRange(new[] { "WhatIf", "Confirm" });
        var blocks = Regex.Matches(doc, @"^### -(?<name>\w+)\n(?<text>[\s\S]*?)```yaml\n(?<yaml>[\s\S]*?)```", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups["name"].Value, m => (Text: m.Groups["text"].Value.Trim(), Yaml: m.Groups["yaml"].Value));
        Assert.Equal(expected.OrderBy(n => n), blocks.Keys.OrderBy(n => n));
        foreach (var p in c.Parameters)
        {
            var (text, yaml) = blocks[p.Name];
            Assert.False(string.IsNullOrWhiteSpace(text), $"{cmdlet} -{p.Name} has no description");
            Assert.Contains($"Required: {(p.Mandatory ? "True" : "False")}\n", yaml);
            Assert.Contains($"Position: {(p.Position >= 0 ? p.Position.ToString() : "Named")}\n", yaml);
            var kinds = new List<string>();
            if (p.ValueFromPipelineByPropertyName) kinds.Add("ByPropertyName");
            if (p.ValueFromPipeline) kinds.Add("ByValue");
            Assert.Contains($"Accept pipeline input: {(kinds.Count == 0 ? "False" : $"True ({string.Join(", ", kinds)})")}\n", yaml);
            var typeName = p.Type.IsGenericType && p.Type.Name.StartsWith("Nullable") ? p.Type.GetGenericArguments()[0].Name : p.Type.Name;
            Assert.Contains($"Type: {typeName}\n", yaml);
            Assert.Contains(p.Aliases.Count == 0 ? "Aliases:\n" : $"Aliases: {string.Join(", ", p.Aliases)}\n", yaml); // as platyPS writes it
            Assert.Matches(p.Mandatory ? $@"\s(\[-{p.Name}\]|-{p.Name}) <" : $@"\[(\[-{p.Name}\]|-{p.Name})[ \]]", doc.Substring(doc.IndexOf("## SYNTAX", StringComparison.Ordinal), doc.IndexOf("## DESCRIPTION", StringComparison.Ordinal) - doc.IndexOf("## SYNTAX", StringComparison.Ordinal)));
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Names_the_compiled_output_type(string cmdlet)
    {
        var doc = Doc(cmdlet);
        var outputs = doc.Substring(doc.IndexOf("## OUTPUTS", StringComparison.Ordinal));
        foreach (var t in _m.Cmdlet(cmdlet).OutputTypes) Assert.Contains($"### {t.FullName}\n", outputs);
    }

    [Fact]
    public void Has_no_page_for_a_cmdlet_that_does_not_exist()
    {
        var pages = Directory.GetFiles(Path.Combine(TestEnvironment.RepoRoot, "docs", "en-US"), "*-*.md").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n);
        Assert.Equal(_m.AllCmdlets.Select(c => c.Name), pages);
    }
}
