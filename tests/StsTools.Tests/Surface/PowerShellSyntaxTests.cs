using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Surface;

/// <summary>
/// Parses every PowerShell file of the repository, plus known-broken controls, in one run of
/// tests/syntax/Test-Syntax.ps1 in the pinned pwsh (`dotnet pwsh`: PowerShell's own parser).
/// </summary>
public sealed class PowerShellSyntaxReport
{
    public static readonly string[] BrokenControls =
    {
        "function Broken( {",
        "Describe 'x' { It 'y' { $a = @{ A = 1 ",
        "@{ RootModule = 'a.dll'; CmdletsToExport = @('x' }",
    };

    public PowerShellSyntaxReport()
    {
        var root = TestEnvironment.RepoRoot;
        var skip = new[] { "node_modules", "bin", "obj", "out", ".git", "TestResults" };
        RepositoryFiles = new[] { "*.ps1", "*.psd1", "*.psm1" }
            .SelectMany(p => Directory.GetFiles(root, p, SearchOption.AllDirectories))
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(skip.Contains))
            .Select(f => Path.GetRelativePath(root, f))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        ControlFiles = BrokenControls.Select(source =>
        {
            var path = Path.Combine(TestEnvironment.Sandbox, Guid.NewGuid().ToString("n") + ".ps1");
            File.WriteAllText(path, source);
            return path;
        }).ToList();

        var checker = Path.Combine(root, "tests", "syntax", "Test-Syntax.ps1");
        var (_, stdout, stderr) = ChildProcess.Run("dotnet", new[] { "pwsh", "-NoProfile", "-NonInteractive", "-File", checker }
            .Concat(RepositoryFiles.Select(f => Path.Combine(root, f))).Concat(ControlFiles));
        Results = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToDictionary(e => e.GetProperty("file").GetString()!, e => e);
        CheckerErrors = stderr;
    }

    public IReadOnlyList<string> RepositoryFiles { get; }
    public IReadOnlyList<string> ControlFiles { get; }
    public IReadOnlyDictionary<string, JsonElement> Results { get; }
    public string CheckerErrors { get; }
}

/// <summary>
/// Every .ps1/.psd1/.psm1 parses with PowerShell's own parser, so a broken Pester file or manifest
/// fails the xunit run too, not only the Pester run that would load it.
/// </summary>
public sealed class PowerShellSyntaxTests : IClassFixture<PowerShellSyntaxReport>
{
    private readonly PowerShellSyntaxReport _report;

    public PowerShellSyntaxTests(PowerShellSyntaxReport report) => _report = report;

    [Fact]
    public void The_repository_has_the_expected_PowerShell_files()
    {
        Assert.Contains("StsModule.psd1", _report.RepositoryFiles);
        Assert.Contains("build.ps1", _report.RepositoryFiles);
        Assert.Contains(_report.RepositoryFiles, f => f.EndsWith(".Tests.ps1", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_PowerShell_file_parses_without_errors()
    {
        Assert.True(_report.Results.Count == _report.RepositoryFiles.Count + _report.ControlFiles.Count, "checker output incomplete: " + _report.CheckerErrors);
        var broken = _report.RepositoryFiles
            .Select(f => (File: f, Result: _report.Results[Path.Combine(TestEnvironment.RepoRoot, f)]))
            .Where(r => !r.Result.GetProperty("ok").GetBoolean())
            .Select(r => $"{r.File}: {r.Result.GetProperty("errors")}")
            .ToList();
        Assert.Empty(broken);
    }

    [Fact]
    public void The_checker_reports_broken_PowerShell()
    {
        foreach (var control in _report.ControlFiles)
            Assert.False(_report.Results[control].GetProperty("ok").GetBoolean(), "a broken control parsed cleanly: " + File.ReadAllText(control));
    }
}
