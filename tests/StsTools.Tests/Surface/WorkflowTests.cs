using System.IO;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Surface;

/// <summary>The cross-platform CI definition covers every edition and OS the module supports.</summary>
public sealed class WorkflowTests
{
    [Fact]
    public void The_workflow_tests_Windows_PowerShell_and_pwsh_on_three_systems()
    {
        var yaml = File.ReadAllText(Path.Combine(TestEnvironment.RepoRoot, ".github", "workflows", "ci.yml"));
        Assert.Contains("./build.ps1 -Task Test", yaml);
        Assert.Contains("shell: powershell", yaml);
        foreach (var os in new[] { "windows-latest", "ubuntu-latest", "macos-latest" }) Assert.Contains("os: " + os, yaml);
        Assert.Contains("AWS_EC2_METADATA_DISABLED: \"true\"", yaml);
        Assert.Contains("moto[server]", yaml);
    }
}
