using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using StsTools.Errors;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Surface;

/// <summary>
/// One ErrorId catalogue (src/StsTools/Errors/ErrorIds.cs): every id spelled there once, used by
/// name at every throw site and comparison, and listed in about_StsModule with the same category
/// and meaning.
/// </summary>
public sealed class ErrorCatalogueTests
{
    private static readonly string[] ManagementCategories =
    {
        "NotSpecified", "OpenError", "CloseError", "DeviceError", "DeadlockDetected", "InvalidArgument", "InvalidData", "InvalidOperation",
        "InvalidResult", "InvalidType", "MetadataError", "NotImplemented", "NotInstalled", "ObjectNotFound", "OperationStopped", "OperationTimeout",
        "SyntaxError", "ParserError", "PermissionDenied", "ResourceBusy", "ResourceExists", "ResourceUnavailable", "ReadError", "WriteError",
        "FromStdErr", "SecurityError", "ProtocolError", "ConnectionError", "AuthenticationError", "LimitsExceeded", "QuotaExceeded", "NotEnabled",
    };

    private static Dictionary<string, (string Category, string Meaning)> AboutList()
    {
        var text = File.ReadAllText(Path.Combine(TestEnvironment.RepoRoot, "docs", "en-US", "about_StsModule.md")).Replace("\r\n", "\n");
        var section = Regex.Match(text, @"(?ms)^## ERROR IDS\n(.*?)(?=^## |^# |\z)");
        Assert.True(section.Success, "about_StsModule needs an ERROR IDS section");
        // "- Id (Category): meaning." with continuation lines indented two spaces.
        var list = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (Match m in Regex.Matches(section.Groups[1].Value, @"(?m)^- (\w+) \((\w+)\): (.*(?:\n  .*)*)"))
        {
            Assert.False(list.ContainsKey(m.Groups[1].Value), m.Groups[1].Value + " is listed twice");
            list[m.Groups[1].Value] = (m.Groups[2].Value, Regex.Replace(m.Groups[3].Value, @"\s*\n\s*", " ").TrimEnd('.'));
        }
        return list;
    }

    [Fact]
    public void About_StsModule_lists_exactly_the_catalogue_with_its_categories_and_meanings()
    {
        var listed = AboutList();
        var catalogue = ErrorIds.Catalogue.ToDictionary(e => e.Id, StringComparer.Ordinal);
        Assert.Equal(catalogue.Keys.OrderBy(k => k, StringComparer.Ordinal), listed.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var entry in ErrorIds.Catalogue)
        {
            Assert.Equal(entry.Category, listed[entry.Id].Category);
            Assert.Equal(entry.Meaning, listed[entry.Id].Meaning);
        }
    }

    [Fact]
    public void Every_constant_is_in_the_catalogue_once_with_its_own_name_and_a_PowerShell_category()
    {
        var constants = typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).ToList();
        Assert.True(constants.Count > 100);
        foreach (var field in constants) Assert.Equal(field.Name, (string)field.GetRawConstantValue()!);
        Assert.Equal(constants.Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal), ErrorIds.Catalogue.Select(e => e.Id).OrderBy(n => n, StringComparer.Ordinal));
        foreach (var entry in ErrorIds.Catalogue) Assert.Contains(entry.Category, ManagementCategories);
    }

    [Fact]
    public void No_throw_site_or_comparison_spells_an_ErrorId_as_a_literal()
    {
        // Any string literal equal to a catalogued id in the engine or the cmdlets, outside the catalogue.
        var ids = new HashSet<string>(ErrorIds.Catalogue.Select(e => e.Id), StringComparer.Ordinal);
        var offenders = new List<string>();
        foreach (var project in new[] { "StsTools", "StsTools.PowerShell" })
        {
            var root = Path.Combine(TestEnvironment.RepoRoot, "src", project);
            foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
            {
                if (file.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) || file.EndsWith("ErrorIds.cs", StringComparison.Ordinal)) continue;
                foreach (Match m in Regex.Matches(File.ReadAllText(file), "(?<![\\w$@\"])\"([A-Z][A-Za-z0-9]+)\"(?!\")"))
                    if (ids.Contains(m.Groups[1].Value)) offenders.Add($"{Path.GetFileName(file)}: \"{m.Groups[1].Value}\"");
            }
        }
        Assert.Empty(offenders);
    }
}
