using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Amazon.Runtime;
using StsTools.Connection;
using StsTools.Env;
using StsTools.Errors;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Lifecycle;

/// <summary>
/// AWS_DEFAULTS_MODE and a profile's defaults_mode, as the AWS CLI documents them: the SDK alone
/// fails every call on those spellings, the engine takes them (and rejects anything else clearly).
/// </summary>
[Collection(Reliability.ProcessTests.Name)]
public sealed class DefaultsModeTests : IClassFixture<MotoServer>
{
    private readonly MotoServer _moto;

    public DefaultsModeTests(MotoServer moto) => _moto = moto;

    [Theory]
    [InlineData("standard", DefaultConfigurationMode.Standard)]
    [InlineData("legacy", DefaultConfigurationMode.Standard)]
    [InlineData("in-region", DefaultConfigurationMode.InRegion)]
    [InlineData("cross-region", DefaultConfigurationMode.CrossRegion)]
    [InlineData("mobile", DefaultConfigurationMode.Mobile)]
    [InlineData("auto", DefaultConfigurationMode.Auto)]
    [InlineData("InRegion", DefaultConfigurationMode.InRegion)]
    [InlineData(" CROSS-REGION ", DefaultConfigurationMode.CrossRegion)]
    public void Reads_the_documented_and_the_NET_SDK_spellings(string value, DefaultConfigurationMode expected)
    {
        Assert.True(DefaultsMode.TryParse(value, out var mode));
        Assert.Equal(expected, mode);
    }

    [Theory]
    [InlineData("sideways")]
    [InlineData("in_region")]
    [InlineData("inregion2")]
    public void Rejects_anything_else_before_any_network_call(string value)
    {
        Assert.False(DefaultsMode.TryParse(value, out _));
        var env = new DictionaryEnvironmentVariables(new Dictionary<string, string> { [DefaultsMode.Variable] = value });
        // A closed port: a call that got that far would fail as a connection error instead.
        var ex = Assert.Throws<StsValidationException>(() => new SourceCredentialResolver(env).Resolve(
            new ConnectionOptions { EndpointUrl = "http://127.0.0.1:9", Region = "us-east-1", AccessKey = "AKIDDEFAULTSMODE0001", SecretKey = "s" }));
        Assert.Equal("InvalidDefaultsMode", ex.ErrorId);
        Assert.Contains("in-region", ex.Message);
    }

    // Each case a fresh process: the SDK reads its settings from the real environment once per process.
    private string[] Run(IDictionary<string, string?> environment, string? config = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ststools-defaults-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(directory);
        try
        {
            environment["AWS_CONFIG_FILE"] = Path.Combine(directory, "config");
            environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(directory, "credentials");
            environment["AWS_PROFILE"] = null;
            environment.TryAdd("AWS_DEFAULTS_MODE", null); // unset unless the case sets it
            File.WriteAllText(Path.Combine(directory, "config"), config ?? string.Empty);
            var (code, stdout, stderr) = ChildProcess.Run("dotnet", new[] { TestProcess.Dll, "defaults-mode", _moto.Endpoint }, environment);
            Assert.True(code == 0, stdout + stderr);
            return stdout.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("in-region")]
    [InlineData("cross-region")]
    public void Calls_work_with_the_AWS_CLI_spelling_in_the_environment_where_the_SDK_alone_fails(string value)
    {
        var lines = Run(new Dictionary<string, string?> { ["AWS_DEFAULTS_MODE"] = value });
        Assert.Contains("engine arn:aws:sts::123456789012:user/moto", lines);
        Assert.Contains(lines, l => l.StartsWith("raw failed:", StringComparison.Ordinal)); // why the engine sets the mode itself
    }

    [Fact]
    public void Calls_work_with_the_AWS_CLI_spelling_in_the_default_profile()
    {
        var lines = Run(new Dictionary<string, string?>(), "[default]\ndefaults_mode = in-region\n");
        Assert.Contains("engine arn:aws:sts::123456789012:user/moto", lines);
        Assert.Contains(lines, l => l.StartsWith("raw failed:", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_mode_is_a_clear_error_from_the_environment_or_the_profile()
    {
        Assert.Contains(Run(new Dictionary<string, string?> { ["AWS_DEFAULTS_MODE"] = "sideways" }),
            l => l.StartsWith("engine InvalidDefaultsMode: AWS_DEFAULTS_MODE is 'sideways'", StringComparison.Ordinal));
        Assert.Contains(Run(new Dictionary<string, string?>(), "[default]\ndefaults_mode = sideways\n"),
            l => l.StartsWith("engine InvalidDefaultsMode: defaults_mode of profile 'default' is 'sideways'", StringComparison.Ordinal));
    }
}
