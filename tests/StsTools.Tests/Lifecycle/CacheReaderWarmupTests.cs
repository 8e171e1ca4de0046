using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StsTools.Caching;
using StsTools.Env;
using StsTools.Model;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Lifecycle;

/// <summary>
/// The module warms the disk-cache reader at import when the environment turns the disk cache on,
/// so a session's first hit does not pay the JSON reader's first use. The warm-up must read what a
/// real entry holds (or it warms the wrong code), start once, and take that work out of the hit.
/// </summary>
[Collection(Reliability.ProcessTests.Name)]
public sealed class CacheReaderWarmupTests : IClassFixture<MotoServer>
{
    private readonly MotoServer _moto;

    public CacheReaderWarmupTests(MotoServer moto) => _moto = moto;

    private static string Write<T>(CacheEntry<T> entry) where T : class, ICredentialsResponse =>
        JsonSerializer.Serialize(entry, (JsonTypeInfo<CacheEntry<T>>)CacheJsonContext.Default.GetTypeInfo(typeof(CacheEntry<T>))!);

    [Fact]
    public void The_samples_are_entries_exactly_as_the_cache_writes_them()
    {
        var role = CacheReaderWarmup.AssumeRoleSample.ToArray();
        var session = CacheReaderWarmup.SessionTokenSample.ToArray();
        Assert.Equal(Encoding.UTF8.GetString(role), Write(CacheEntryReader.Read<AssumeRoleResponse>(role)));
        Assert.Equal(Encoding.UTF8.GetString(session), Write(CacheEntryReader.Read<GetSessionTokenResponse>(session)));
        // Escapes and fractional seconds, as real entries have them, so those paths get warmed too.
        Assert.Contains(@"\u002B", Encoding.UTF8.GetString(role));
        Assert.Contains(".1234567Z", Encoding.UTF8.GetString(role));
        Assert.True(CacheReaderWarmup.Run());
    }

    [Fact]
    public async System.Threading.Tasks.Task It_starts_only_when_the_environment_turns_the_disk_cache_on_and_only_once()
    {
        Assert.Null(CacheReaderWarmup.StartIfEnabled(new DictionaryEnvironmentVariables()));
        Assert.Null(CacheReaderWarmup.StartIfEnabled(new DictionaryEnvironmentVariables(new Dictionary<string, string> { [CacheOptions.DiskCacheVariable] = "0" })));
        var on = new DictionaryEnvironmentVariables(new Dictionary<string, string> { [CacheOptions.DiskCacheVariable] = "1" });
        var first = CacheReaderWarmup.StartIfEnabled(on);
        Assert.NotNull(first);
        await first!.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(first.IsCompletedSuccessfully);
        Assert.Same(first, CacheReaderWarmup.Start());
        Assert.Same(first, CacheReaderWarmup.StartIfEnabled(on));
    }

    // A fresh process (tests/StsTools.IsolationProbe) loads the module from bin as pwsh does, writes
    // an entry through one service and hits it through another. Tiered compilation is off in the
    // probe so the methods listed are first compilations only, not later re-optimisations.
    private static string[] HitJitted(string output) =>
        output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("hit-jitted ", StringComparison.Ordinal)).Select(l => l.Substring(11)).ToArray();

    private static bool ReaderCode(string method) =>
        method.StartsWith("System.Text.Json.", StringComparison.Ordinal) || method.StartsWith("System.Buffers.", StringComparison.Ordinal) ||
        method.StartsWith("StsTools.Caching.CacheEntryReader", StringComparison.Ordinal) || method.StartsWith("StsTools.Caching.JsonShape", StringComparison.Ordinal) ||
        method.StartsWith("StsTools.Caching.ShapeProperty", StringComparison.Ordinal) || method.StartsWith("StsTools.Caching.ValueShape", StringComparison.Ordinal);

    private (int Code, string Output) ProbeHit(bool warm)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ststools-warmup-" + Guid.NewGuid().ToString("n"));
        try
        {
            return IsolationProbe.Run(Path.Combine(TestEnvironment.RepoRoot, "bin"), _moto.Endpoint, "isolated", new Dictionary<string, string?>
            {
                ["STS_PROBE_JIT"] = "1", ["STS_PROBE_DISK_HIT"] = directory, ["STS_PROBE_WARMUP"] = warm ? "1" : null, ["DOTNET_TieredCompilation"] = "0",
            });
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void After_the_warm_up_a_fresh_process_reads_its_first_disk_hit_without_compiling_reader_code()
    {
        var (code, output) = ProbeHit(warm: true);
        Assert.True(code == 0 && output.Contains("hit done"), output);
        Assert.DoesNotContain(HitJitted(output), ReaderCode);

        // The control: without the warm-up, the same hit compiles the JSON reader's search code
        // (x64: the framework's image leaves its vector code to the JIT).
        var (coldCode, coldOutput) = ProbeHit(warm: false);
        Assert.True(coldCode == 0 && coldOutput.Contains("hit done"), coldOutput);
        if (RuntimeInformation.ProcessArchitecture == Architecture.X64) Assert.Contains(HitJitted(coldOutput), ReaderCode);
    }
}
