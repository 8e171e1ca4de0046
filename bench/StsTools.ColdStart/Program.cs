// Child processes of bench/StsTools.Bench: the figures that need a fresh process.
// Modes: first-engine ENDPOINT MODULE-BIN (prints what Measure.FirstCallAsync prints)
//        disk-hit ENDPOINT MODULE-BIN CACHE-DIR
using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Threading;
using StsTools.Caching;
using StsTools.Connection;
using StsTools.Env;
using StsTools.Service;
using EngineRequests = StsTools.Requests;

using var jitLog = Environment.GetEnvironmentVariable("STS_BENCH_JITLOG") == "1" ? new JitLog() : null;
var watch = Stopwatch.StartNew();
// As Import-Module does: the cmdlet assembly's initializer installs the loader from bin; then the
// module's shipped assemblies are loaded (not run) through it. The first-call figure starts after
// this, as a user's first command starts after Import-Module; the load is reported on its own.
var loader = Assembly.LoadFrom(Path.Combine(args[2], "StsTools.Isolation.dll"));
var isolation = loader.GetType("StsTools.Isolation.DependencyIsolation", true)!;
isolation.GetMethod("Install")!.Invoke(null, new object[] { Path.Combine(args[2], "Dependencies") });
var context = (AssemblyLoadContext)isolation.GetProperty("Context")!.GetValue(null)!;
foreach (var name in new[] { "StsTools", "AWSSDK.Core", "AWSSDK.SecurityToken" }) context.LoadFromAssemblyName(new AssemblyName(name));
// And as the initializer then does: queue the cache-reader warm-up, which runs only when the
// environment turns the disk cache on (STSMODULE_DISK_CACHE).
ThreadPool.QueueUserWorkItem(_ => ColdStart.WarmCacheReader());
var loadMs = watch.Elapsed.TotalMilliseconds;
switch (args[0])
{
    case "first-engine":
        if (jitLog is not null) Console.Error.WriteLine("---- first call");
        await StsTools.Bench.Measure.FirstCallAsync(loadMs, () => ColdStart.FirstCall(args[1]));
        return 0;
    case "disk-hit":
        await ColdStart.DiskHit(args[1], args[3]);
        return 0;
    default:
        Console.Error.WriteLine("usage: StsTools.ColdStart first-engine|disk-hit ENDPOINT MODULE-BIN [CACHE-DIR]");
        return 2;
}

/// <summary>Engine-typed code, kept out of Main so nothing of the engine is resolved before the loader is installed.</summary>
internal static class ColdStart
{
    private const string Key = "AKIDSTSTOOLSBENCH001", Secret = "bench-secret";

    private static ConnectionOptions Engine(string endpoint) => new() { EndpointUrl = endpoint, Region = "us-east-1", AccessKey = Key, SecretKey = Secret };

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void WarmCacheReader() => CacheReaderWarmup.StartIfEnabled(ProcessEnvironmentVariables.Instance);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static async Task FirstCall(string endpoint)
    {
        using var service = new StsService(new DictionaryEnvironmentVariables());
        await service.GetCallerIdentityAsync(Engine(endpoint));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static async Task DiskHit(string endpoint, string cacheDir)
    {
        var request = new EngineRequests.AssumeRoleRequest { RoleArn = "arn:aws:iam::123456789012:role/BenchDisk", RoleSessionName = "disk" };
        using var sts = new StsService(new DictionaryEnvironmentVariables()) { CacheOptions = new CacheOptions { DiskEnabled = true, Directory = cacheDir } };
        // Warm the engine's STS path on another key, so the figure is the hit, not the first call.
        await sts.AssumeRoleAsync(new EngineRequests.AssumeRoleRequest { RoleArn = request.RoleArn, RoleSessionName = "warm" }, Engine(endpoint), forceRefresh: true);
        var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
        if (Environment.GetEnvironmentVariable("STS_BENCH_JITLOG") == "1") Console.Error.WriteLine("---- hit start " + DateTime.UtcNow.ToString("HH:mm:ss.ffffff"));
        var watch = Stopwatch.StartNew();
        await sts.AssumeRoleAsync(request, Engine(endpoint));
        Console.WriteLine("hit " + watch.Elapsed.TotalMilliseconds.ToString("F3"));
        Console.WriteLine("hit-jitted " + (System.Runtime.JitInfo.GetCompiledMethodCount() - jitted));
        if (Environment.GetEnvironmentVariable("STS_BENCH_JITLOG") == "1") Console.Error.WriteLine("---- hit done " + DateTime.UtcNow.ToString("HH:mm:ss.ffffff"));
        watch.Restart();
        await sts.AssumeRoleAsync(request, Engine(endpoint), forceRefresh: true);
        Console.WriteLine("fetch " + watch.Elapsed.TotalMilliseconds.ToString("F3"));
    }
}

/// <summary>With STS_BENCH_JITLOG=1, names each method the JIT compiles (to stderr): what ReadyToRun did not cover.</summary>
internal sealed class JitLog : System.Diagnostics.Tracing.EventListener
{
    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x10);
    }

    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
    {
        if (e.EventName != "MethodJittingStarted_V1" || e.Payload is null) return;
        Console.Error.WriteLine($"jit {e.TimeStamp:HH:mm:ss.ffffff} {e.Payload[4]}::{e.Payload[5]} {e.Payload[6]}");
    }
}
