using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using StsTools.Bench;
using StsTools.Caching;
using StsTools.Connection;
using StsTools.Env;
using StsTools.Service;
using EngineRequests = StsTools.Requests;

// Usage: StsTools.Bench all ENDPOINT MODULE-BIN     (the table; bench/run.sh starts moto and calls this)
// Child mode: first-raw ENDPOINT (the engine's fresh-process modes are in bench/StsTools.ColdStart)
const string Key = "AKIDSTSTOOLSBENCH001", Secret = "bench-secret";
var mode = args.Length > 0 ? args[0] : "";
switch (mode)
{
    case "first-raw": return await FirstRaw(args[1]);
    case "all": return await All(args[1], args[2]);
    default: Console.Error.WriteLine("usage: StsTools.Bench all ENDPOINT MODULE-BIN"); return 2;
}

static ConnectionOptions Engine(string endpoint) => new() { EndpointUrl = endpoint, Region = "us-east-1", AccessKey = Key, SecretKey = Secret };

static AmazonSecurityTokenServiceClient Raw(string endpoint) => new(new BasicAWSCredentials(Key, Secret),
    new AmazonSecurityTokenServiceConfig { ServiceURL = endpoint, AuthenticationRegion = "us-east-1" }); // never RegionEndpoint too: it would replace the URL

static async Task<int> All(string endpoint, string bin)
{
    var rows = new List<(string Figure, string Ours, string Theirs, string Ratio, string Target)>();
    using var sts = new StsService(new DictionaryEnvironmentVariables());
    using var raw = Raw(endpoint);

    // 1. Warm GetCallerIdentity: engine with its reused client vs the raw SDK client, call by call alternately.
    for (var i = 0; i < 20; i++) { await sts.GetCallerIdentityAsync(Engine(endpoint)); await raw.GetCallerIdentityAsync(new GetCallerIdentityRequest()); }
    var (e1, r1) = await Measure.PairedMedianMsAsync(600, () => sts.GetCallerIdentityAsync(Engine(endpoint)), () => raw.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
    rows.Add(("warm GetCallerIdentity (ms/call)", $"{e1:F3}", $"{r1:F3} raw SDK", $"{e1 / r1:F3}", "<= 1.03"));

    // 2. Cached Use-StsRole in the same process vs an uncached call.
    var request = new EngineRequests.AssumeRoleRequest { RoleArn = "arn:aws:iam::123456789012:role/Bench", RoleSessionName = "bench" };
    await sts.AssumeRoleAsync(request, Engine(endpoint));
    var hitMs = await Measure.MedianMsAsync(7, 20000, () => sts.AssumeRoleAsync(request, Engine(endpoint)));
    var missMs = await Measure.MedianMsAsync(5, 20, () => sts.AssumeRoleAsync(request, Engine(endpoint), forceRefresh: true));
    rows.Add(("cached AssumeRole hit (us)", $"{hitMs * 1000:F2}", $"{missMs * 1000:F0} uncached", $"{hitMs / missMs:F5}", "<= 20 us"));

    // Fresh processes run bench/StsTools.ColdStart, which (like pwsh) has none of the module on its
    // probing path and loads it from MODULE-BIN through the module's loader: the ReadyToRun images
    // for this runtime, or with STSMODULE_READYTORUN=0 the plain assemblies.
    var self = Assembly.GetExecutingAssembly().Location;
    var coldStart = Path.Combine(Path.GetDirectoryName(self)!.Replace("StsTools.Bench", "StsTools.ColdStart"), "StsTools.ColdStart.dll");
    var plain = new Dictionary<string, string> { ["STSMODULE_READYTORUN"] = "0" };
    var readyToRun = Directory.Exists(Path.Combine(bin, "Dependencies", "ReadyToRun", StsTools.Isolation.StsLoadContext.ReadyToRunFolderName));

    // 3. A fresh process served from the disk cache vs the same process fetching from STS. A runbook
    // that uses the disk cache turns it on in its environment, so the module warms its cache reader
    // at import; the second row is a process where nothing warmed it (the disk cache turned on later).
    var cacheDir = Path.Combine(Path.GetTempPath(), "ststools-bench-" + Guid.NewGuid().ToString("n"));
    var diskOn = new Dictionary<string, string> { ["STSMODULE_DISK_CACHE"] = "1" };
    var diskOnPlain = new Dictionary<string, string>(diskOn) { ["STSMODULE_READYTORUN"] = "0" };
    Measure.Run("dotnet", coldStart, "disk-hit", endpoint, bin, cacheDir); // populates the cache
    var hits = new List<double>(); var coldHits = new List<double>(); var plainHits = new List<double>();
    var fetches = new List<double>();
    static double Figure(IReadOnlyList<string> lines, string name) => double.Parse(lines.First(l => l.StartsWith(name + " ")).Substring(name.Length + 1));
    for (var i = 0; i < 7; i++)
    {
        var lines = Measure.Run(diskOn, "dotnet", coldStart, "disk-hit", endpoint, bin, cacheDir).Lines;
        hits.Add(Figure(lines, "hit"));
        fetches.Add(Figure(lines, "fetch"));
        coldHits.Add(Figure(Measure.Run("dotnet", coldStart, "disk-hit", endpoint, bin, cacheDir).Lines, "hit"));
        plainHits.Add(Figure(Measure.Run(diskOnPlain, "dotnet", coldStart, "disk-hit", endpoint, bin, cacheDir).Lines, "hit"));
    }
    rows.Add(("disk cache hit, fresh process (ms)", $"{Measure.Median(hits):F2}", $"{Measure.Median(fetches):F2} STS fetch", $"{Measure.Median(hits) / Measure.Median(fetches):F2}", "<= 2 ms"));
    rows.Add(("  the same, reader not warmed at import (ms)", $"{Measure.Median(coldHits):F2}", "", "", ""));
    rows.Add(("  the same, plain IL (ms)", $"{Measure.Median(plainHits):F2}", "", "", ""));

    // 4 and 6. First call and peak memory of a fresh process: module assemblies vs raw SDK vs boto3.
    var engineFirst = new List<double>(); var plainFirst = new List<double>(); var rawFirst = new List<double>();
    var engineWall = new List<double>(); var botoWall = new List<double>();
    var engineMem = new List<double>(); var rawMem = new List<double>();
    var engineJit = new List<double>(); var plainJit = new List<double>(); var rawJit = new List<double>();
    var engineJitMs = new List<double>(); var rawJitMs = new List<double>(); var engineLoad = new List<double>(); var rawLoad = new List<double>();
    for (var i = 0; i < 11; i++)
    {
        var e = Measure.Run("dotnet", coldStart, "first-engine", endpoint, bin);
        engineWall.Add(e.WallMs); engineFirst.Add(double.Parse(e.Lines[0])); engineMem.Add(double.Parse(e.Lines[1])); engineJit.Add(double.Parse(e.Lines[2]));
        engineLoad.Add(double.Parse(e.Lines[3])); engineJitMs.Add(double.Parse(e.Lines[4]));
        var p = Measure.Run(plain, "dotnet", coldStart, "first-engine", endpoint, bin);
        plainFirst.Add(double.Parse(p.Lines[0])); plainJit.Add(double.Parse(p.Lines[2]));
        var r = Measure.Run("dotnet", self, "first-raw", endpoint);
        rawFirst.Add(double.Parse(r.Lines[0])); rawMem.Add(double.Parse(r.Lines[1])); rawJit.Add(double.Parse(r.Lines[2]));
        rawLoad.Add(double.Parse(r.Lines[3])); rawJitMs.Add(double.Parse(r.Lines[4]));
        botoWall.Add(Measure.Run("python3", "-c", "import sys, boto3; boto3.client('sts', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='AKIDSTSTOOLSBENCH001', aws_secret_access_key='x').get_caller_identity()", endpoint).WallMs);
    }
    rows.Add(("first call after load (ms)", $"{Measure.Median(engineFirst):F1}", $"{Measure.Median(rawFirst):F1} raw SDK", $"{Measure.Median(engineFirst) / Measure.Median(rawFirst):F2}", "<= 0.6"));
    rows.Add(("  the same, plain IL (ms)", $"{Measure.Median(plainFirst):F1}", $"{Measure.Median(rawFirst):F1} raw SDK", $"{Measure.Median(plainFirst) / Measure.Median(rawFirst):F2}", ""));
    rows.Add(("  methods JIT-compiled by the first call", $"{Measure.Median(engineJit):F0}", $"{Measure.Median(rawJit):F0} raw SDK", $"plain IL: {Measure.Median(plainJit):F0}", ""));
    rows.Add(("  JIT time within the first call (ms)", $"{Measure.Median(engineJitMs):F1}", $"{Measure.Median(rawJitMs):F1} raw SDK", "", ""));
    rows.Add(("  loading before it (ms): loader, assemblies", $"{Measure.Median(engineLoad):F1}", $"{Measure.Median(rawLoad):F1} raw SDK", "", "not in the figure"));
    rows.Add(("fresh whole process (ms)", $"{Measure.Median(engineWall):F0}", $"{Measure.Median(botoWall):F0} python3+boto3", $"{Measure.Median(engineWall) / Measure.Median(botoWall):F2}", "< 1"));
    rows.Add(("peak memory, cold start (MiB)", $"{Measure.Median(engineMem):F1}", $"{Measure.Median(rawMem):F1} raw SDK", $"{Measure.Median(engineMem) / Measure.Median(rawMem):F2}", "<= 1.1"));

    // 5. 500 AssumeRole calls from 8 workers: the engine (one client) vs a new raw client per call,
    // 5 rounds each, alternately, which goes first swapping each round (moto keeps every session
    // it hands out, so a fixed order would favour whichever goes first).
    var clientsBefore = sts.ClientsCreated;
    var engineRates = new List<double>(); var perCallRates = new List<double>();
    for (var round = 0; round < 5; round++)
    {
        var tag = "r" + round + "w";
        Task<double> EngineRound() => Throughput(500, 8, i => sts.AssumeRoleAsync(new EngineRequests.AssumeRoleRequest { RoleArn = request.RoleArn, RoleSessionName = tag + i }, Engine(endpoint)));
        Task<double> PerCallRound() => Throughput(500, 8, async i => { using var c = Raw(endpoint); await c.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = request.RoleArn, RoleSessionName = tag + i }); });
        if (round % 2 == 0) { engineRates.Add(await EngineRound()); perCallRates.Add(await PerCallRound()); }
        else { perCallRates.Add(await PerCallRound()); engineRates.Add(await EngineRound()); }
    }
    var built = sts.ClientsCreated - clientsBefore;
    var (engineRate, perCallRate) = (Measure.Median(engineRates), Measure.Median(perCallRates));
    rows.Add(("500 AssumeRole, 8 workers (calls/s)", $"{engineRate:F0}", $"{perCallRate:F0} new client per call", $"{engineRate / perCallRate:F2}", $"clients built: {built}"));

    Console.WriteLine($"| figure | StsModule | compared with | ratio | target |");
    Console.WriteLine($"|---|---|---|---|---|");
    foreach (var row in rows) Console.WriteLine($"| {row.Figure} | {row.Ours} | {row.Theirs} | {row.Ratio} | {row.Target} |");
    Console.WriteLine($"(medians of 5 to 11 rounds; {Environment.ProcessorCount} cores; {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}; ReadyToRun images {StsTools.Isolation.StsLoadContext.ReadyToRunFolderName}: {(readyToRun ? "yes" : "no, plain IL")})");
    return built == 0 ? 0 : 1;
}

static async Task<double> Throughput(int calls, int workers, Func<int, Task> call)
{
    var next = -1;
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < calls) await call(i);
    })));
    return calls / watch.Elapsed.TotalSeconds;
}

static async Task<int> FirstRaw(string endpoint)
{
    // As ColdStart first-engine: the SDK's assemblies loaded (not run) first, then the timed first call.
    var watch = Stopwatch.StartNew();
    foreach (var name in new[] { "AWSSDK.Core", "AWSSDK.SecurityToken" }) Assembly.Load(new AssemblyName(name));
    await Measure.FirstCallAsync(watch.Elapsed.TotalMilliseconds, () => RawFirstCall(endpoint));
    return 0;
}

// Kept out of FirstRaw so that compiling FirstRaw does not already resolve the SDK's types.
[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
static async Task RawFirstCall(string endpoint)
{
    using var client = Raw(endpoint);
    await client.GetCallerIdentityAsync(new GetCallerIdentityRequest());
}
