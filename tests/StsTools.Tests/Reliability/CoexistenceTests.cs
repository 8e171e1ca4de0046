using System.IO;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Reliability;

/// <summary>
/// Another module's AWSSDK.Core 3.7 already loaded (as AWS.Tools does), then StsModule's engine
/// through its loader: the call works, with the module's own SDK in its own load context.
/// </summary>
[Collection(ProcessTests.Name)]
public sealed class CoexistenceTests : IClassFixture<MotoServer>
{
    private readonly MotoServer _moto;

    public CoexistenceTests(MotoServer moto) => _moto = moto;

    private (int Code, string Out) Probe(string mode) => IsolationProbe.Run(Path.Combine(TestEnvironment.RepoRoot, "bin"), _moto.Endpoint, mode);

    [Fact]
    public void The_isolated_engine_works_beside_an_older_AWSSDK_Core()
    {
        var (code, output) = Probe("isolated");
        Assert.True(code == 0, output);
        Assert.Contains("default AWSSDK.Core 3.3.0.0", output);
        Assert.Contains("engine AWSSDK.Core 4.0.0.0", output);
        Assert.Contains("engine context StsModule", output);
        Assert.Contains("arn arn:aws:sts::123456789012:user/moto", output);
    }

    [Fact]
    public void Without_isolation_the_same_process_fails_which_is_why_it_exists()
    {
        var (code, output) = Probe("shared");
        Assert.Equal(1, code);
        Assert.Contains("failed", output);
    }
}
