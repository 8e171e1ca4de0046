using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using StsTools.Model;
using StsTools.Profiles;
using StsTools.Storage;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Reliability;

/// <summary>Writers killed half-way and writers racing each other never lose or corrupt a file.</summary>
[Collection(ProcessTests.Name)]
public sealed class NothingLostTests
{
    /// <summary>How many times a writer is killed per file kind; the README reports it.</summary>
    public const int KillRounds = 6;
    /// <summary>How many processes write the shared credentials file at once.</summary>
    public const int ConcurrentProcesses = 8;
    /// <summary>Reads the raced-file reader makes at the least, so the race is always exercised.</summary>
    private const int MinimumRacedReads = 50;

    private readonly string _dir = Path.Combine(TestEnvironment.Sandbox, "lost-" + Guid.NewGuid().ToString("n"));

    public NothingLostTests() => Directory.CreateDirectory(_dir);

    private static void KillWhileWriting(string mode, string target, string tag, Random random)
    {
        using var writer = mode == "set-profile" ? TestProcess.Start(mode, target, tag, "100000") : TestProcess.Start(mode, target, tag);
        if (mode == "write-file") Assert.Equal("writing", writer.StandardOutput.ReadLine());
        else Thread.Sleep(400);
        Thread.Sleep(random.Next(20, 250));
        writer.Kill(entireProcessTree: true);
        writer.WaitForExit(10_000);
    }

    [Fact]
    public void An_exported_file_survives_a_writer_killed_mid_write()
    {
        var path = Path.Combine(_dir, "exported.json");
        CredentialFile.Save(path, new Credentials { AccessKeyId = "ASIAINITIAL00000", SecretAccessKey = "s", SessionToken = "t" }, CredentialFileFormat.Json);
        var random = new Random(42);
        for (var round = 0; round < KillRounds; round++)
        {
            KillWhileWriting("write-file", path, "K" + round, random);
            var loaded = CredentialFile.Load(path); // complete JSON, old or new: never a part
            Assert.True(loaded.AccessKeyId == "ASIAINITIAL00000" || loaded.AccessKeyId.StartsWith("ASIAK", StringComparison.Ordinal), loaded.AccessKeyId);
            if (loaded.AccessKeyId != "ASIAINITIAL00000") Assert.Equal(512 * 1024, loaded.SecretAccessKey.Length);
            Permissions.AssertOwnerOnly(path);
        }
    }

    [Fact]
    public void The_shared_credentials_file_survives_a_writer_killed_mid_write()
    {
        var path = Path.Combine(_dir, "credentials");
        File.WriteAllText(path, "# keep\n[default]\naws_access_key_id = AKIDKEEP\naws_secret_access_key = keep\n");
        var random = new Random(7);
        for (var round = 0; round < KillRounds; round++)
        {
            KillWhileWriting("set-profile", path, "victim", random);
            var text = File.ReadAllText(path);
            Assert.StartsWith("# keep\n[default]\naws_access_key_id = AKIDKEEP\naws_secret_access_key = keep\n", text);
            var victim = IniDocument.Parse(text).Get("victim");
            if (victim is not null) Assert.StartsWith("ASIAVICTIM", victim["aws_access_key_id"]);
        }
    }

    [Fact]
    public async Task Concurrent_profile_writers_in_separate_processes_lose_nothing()
    {
        var path = Path.Combine(_dir, "shared-credentials");
        File.WriteAllText(path, "[default]\naws_access_key_id = AKIDKEEP\naws_secret_access_key = keep\n");
        var writers = Enumerable.Range(0, ConcurrentProcesses)
            .Select(i => Task.Run(() => TestProcess.Run("set-profile", path, "writer" + i, "10")))
            .ToArray();
        var results = await Task.WhenAll(writers);
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.StdErr));
        var document = IniDocument.Load(path);
        Assert.Equal("AKIDKEEP", document.Get("default")!["aws_access_key_id"]);
        for (var i = 0; i < ConcurrentProcesses; i++)
            Assert.Equal($"ASIAWRITER{i}00000009", document.Get("writer" + i)!["aws_access_key_id"]);
    }

    [Fact]
    public async Task Concurrent_writers_and_readers_of_one_file_see_only_whole_versions()
    {
        var path = Path.Combine(_dir, "raced.json");
        CredentialFile.Save(path, new Credentials { AccessKeyId = "ASIASTART0000000", SecretAccessKey = "s" }, CredentialFileFormat.Json);
        using var stop = new CancellationTokenSource();
        var reads = 0;
        // Dedicated threads, not pool work items: on a busy 2-core CI machine the pool may run
        // every writer before it ever schedules the reader, and then the race was never tested.
        // The reader also keeps going until it has seen a minimum number of versions.
        var readerStarted = new ManualResetEventSlim();
        var reader = Task.Factory.StartNew(() =>
        {
            readerStarted.Set();
            while (!stop.IsCancellationRequested || Volatile.Read(ref reads) < MinimumRacedReads)
            {
                var c = CredentialFile.Load(path);
                Assert.Equal("secret-of-" + c.AccessKeyId, c.SecretAccessKey == "s" ? "secret-of-" + c.AccessKeyId : c.SecretAccessKey);
                Interlocked.Increment(ref reads);
            }
        }, TaskCreationOptions.LongRunning);
        Assert.True(readerStarted.Wait(TimeSpan.FromSeconds(30)));
        var writers = Enumerable.Range(0, 8).Select(w => Task.Factory.StartNew(() =>
        {
            for (var i = 0; i < 25; i++)
            {
                var id = $"ASIAW{w}N{i:D2}0000000";
                CredentialFile.Save(path, new Credentials { AccessKeyId = id, SecretAccessKey = "secret-of-" + id }, CredentialFileFormat.Json);
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(writers);
        stop.Cancel();
        await reader;
        Assert.True(reads >= MinimumRacedReads);
        var last = CredentialFile.Load(path);
        Assert.Equal("secret-of-" + last.AccessKeyId, last.SecretAccessKey);
    }
}

/// <summary>Starts no more than one batch of child processes at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessTests
{
    public const string Name = "child-processes";
}

/// <summary>Calls given explicit credentials or a profile open no connection but the one to STS.</summary>
[Collection(ProcessTests.Name)]
public sealed class NetworkQuietTests : IClassFixture<MotoServer>
{
    private readonly MotoServer _moto;

    public NetworkQuietTests(MotoServer moto) => _moto = moto;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void No_instance_metadata_or_container_credentials_are_probed(bool withCredentials)
    {
        var metadata = new TcpListener(IPAddress.Loopback, 0);
        var container = new TcpListener(IPAddress.Loopback, 0);
        metadata.Start();
        container.Start();
        var probes = 0;
        async Task Count(TcpListener l)
        {
            while (true)
            {
                try { using var c = await l.AcceptTcpClientAsync(); Interlocked.Increment(ref probes); }
                catch (Exception) { return; }
            }
        }
        _ = Count(metadata);
        _ = Count(container);
        try
        {
            var config = Path.Combine(TestEnvironment.Sandbox, "quiet-" + Guid.NewGuid().ToString("n"));
            Directory.CreateDirectory(config);
            File.WriteAllText(Path.Combine(config, "config"), "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/Quiet\nsource_profile = base\nrole_session_name = quiet\n");
            File.WriteAllText(Path.Combine(config, "credentials"), "[base]\naws_access_key_id = AKIDQUIETBASE0000001\naws_secret_access_key = b\n");
            var args = withCredentials ? new[] { TestProcess.Dll, "calls", _moto.Endpoint, config } : new[] { TestProcess.Dll, "default-chain", _moto.Endpoint };
            var (code, stdout, stderr) = ChildProcess.Run("dotnet", args, new Dictionary<string, string?>
            {
                // Instance metadata is switched on and pointed here: any probe would be counted.
                ["AWS_EC2_METADATA_DISABLED"] = null,
                ["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = $"http://127.0.0.1:{((IPEndPoint)metadata.LocalEndpoint).Port}",
                ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = $"http://127.0.0.1:{((IPEndPoint)container.LocalEndpoint).Port}/credentials",
                ["AWS_REGION"] = null, ["AWS_DEFAULT_REGION"] = null, ["AWS_PROFILE"] = null,
                ["AWS_ACCESS_KEY_ID"] = null, ["AWS_SECRET_ACCESS_KEY"] = null,
                ["AWS_CONFIG_FILE"] = Path.Combine(config, "config"), ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(config, "credentials"),
            });
            Thread.Sleep(200);
            if (withCredentials)
            {
                Assert.True(code == 0, stderr);
                Assert.Equal("done", stdout);
                Assert.Equal(0, Volatile.Read(ref probes));
            }
            else
            {
                // The control: with no credentials the SDK chain does probe, and the listeners see it.
                Assert.Contains(stdout, new[] { "CredentialsNotFound", "CredentialsUnavailable" });
                Assert.True(Volatile.Read(ref probes) > 0, "the probe listeners saw nothing, so the test could not see a probe either");
            }
        }
        finally
        {
            metadata.Stop();
            container.Stop();
        }
    }
}
