using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;

// Usage: StsTools.IsolationProbe MODULE-BIN-DIR ENDPOINT isolated|shared
// Prints: the default context's AWSSDK.Core version, the engine's AWSSDK.Core version and load
// context, and the caller ARN moto returned; or the error when the engine could not load.
// With STS_PROBE_JIT=1 also "jitted TYPE::METHOD" for each method the JIT compiled. With
// STS_PROBE_DISK_HIT=DIR then a disk-cache hit in DIR (see DiskHit), STS_PROBE_WARMUP=1 warming the reader first.
if (args.Length != 3) { Console.Error.WriteLine("usage: StsTools.IsolationProbe BIN ENDPOINT isolated|shared"); return 2; }
var (bin, endpoint, mode) = (args[0], args[1], args[2]);
using var jitted = Environment.GetEnvironmentVariable("STS_PROBE_JIT") == "1" ? new JitRecorder() : null;

// 1. "Another module" uses its AWSSDK.Core 3.7 first.
var theirs = typeof(Amazon.Runtime.AWSCredentials).Assembly;
Console.WriteLine("default AWSSDK.Core " + theirs.GetName().Version);

try
{
    Assembly engine;
    if (mode == "isolated")
    {
        // 2. StsModule's loader, exactly as its module initializer calls it on PowerShell 7.
        var loader = Assembly.LoadFrom(Path.Combine(bin, "StsTools.Isolation.dll"));
        loader.GetType("StsTools.Isolation.DependencyIsolation", true)!.GetMethod("Install")!.Invoke(null, new object[] { Path.Combine(bin, "Dependencies") });
        engine = Assembly.Load(new AssemblyName("StsTools"));
    }
    else
    {
        // The control: the engine loaded into the default context beside the older SDK.
        engine = Assembly.LoadFrom(Path.Combine(bin, "Dependencies", "StsTools.dll"));
    }

    // 3. A call through the engine, by reflection (this probe does not reference it).
    var environment = Activator.CreateInstance(engine.GetType("StsTools.Env.DictionaryEnvironmentVariables", true)!, new object?[] { null });
    var service = Activator.CreateInstance(engine.GetType("StsTools.Service.StsService", true)!, environment)!;
    var options = Activator.CreateInstance(engine.GetType("StsTools.Connection.ConnectionOptions", true)!)!;
    foreach (var (name, value) in new[] { ("EndpointUrl", endpoint), ("Region", "us-east-1"), ("AccessKey", "AKIDISOLATION0000001"), ("SecretKey", "isolation-secret") })
        options.GetType().GetProperty(name)!.SetValue(options, value);
    var call = service.GetType().GetMethod("GetCallerIdentityAsync")!;
    var task = (Task)call.Invoke(service, new[] { options, null, default(System.Threading.CancellationToken) })!;
    await task;
    var result = task.GetType().GetProperty("Result")!.GetValue(task)!;

    var ours = AssemblyLoadContext.GetLoadContext(engine)!.Assemblies.First(a => a.GetName().Name == "AWSSDK.Core");
    Console.WriteLine("engine AWSSDK.Core " + ours.GetName().Version);
    Console.WriteLine("engine context " + AssemblyLoadContext.GetLoadContext(engine)!.Name);
    Console.WriteLine("engine image " + engine.Location);
    Console.WriteLine("sdk image " + ours.Location);
    Console.WriteLine("arn " + result.GetType().GetProperty("Arn")!.GetValue(result));
    foreach (var method in jitted?.Drain() ?? Array.Empty<string>()) Console.WriteLine("jitted " + method);
    if (Environment.GetEnvironmentVariable("STS_PROBE_DISK_HIT") is { Length: > 0 } cacheDirectory)
        await DiskHit.RunAsync(engine, environment!, options, cacheDirectory, jitted);
    return 0;
}
catch (Exception ex)
{
    while (ex is TargetInvocationException && ex.InnerException is not null) ex = ex.InnerException;
    Console.WriteLine("failed " + ex.GetType().Name + ": " + ex.Message.Split('\n')[0]);
    return 1;
}

/// <summary>
/// Writes a cache entry through one service, then has a second service (empty memory cache) hit it
/// on disk, as another process would; with STS_PROBE_WARMUP=1 the module's cache-reader warm-up
/// runs to completion first. Prints "hit-jitted TYPE::METHOD" for what the JIT compiled during the hit.
/// </summary>
internal static class DiskHit
{
    public static async Task RunAsync(Assembly engine, object environment, object connection, string directory, JitRecorder? jitted)
    {
        object Service()
        {
            // CacheOptions lives in the model assembly (the default context): found through the engine.
            var cache = Activator.CreateInstance(engine.GetType("StsTools.Service.StsService", true)!.GetProperty("CacheOptions")!.PropertyType)!;
            cache.GetType().GetProperty("DiskEnabled")!.SetValue(cache, true);
            cache.GetType().GetProperty("Directory")!.SetValue(cache, directory);
            var service = Activator.CreateInstance(engine.GetType("StsTools.Service.StsService", true)!, environment)!;
            service.GetType().GetProperty("CacheOptions")!.SetValue(service, cache);
            return service;
        }
        async Task AssumeRole(object service, bool force)
        {
            var request = Activator.CreateInstance(engine.GetType("StsTools.Requests.AssumeRoleRequest", true)!)!;
            request.GetType().GetProperty("RoleArn")!.SetValue(request, "arn:aws:iam::123456789012:role/ProbeDisk");
            request.GetType().GetProperty("RoleSessionName")!.SetValue(request, "probe");
            await (Task)service.GetType().GetMethod("AssumeRoleAsync")!.Invoke(service, new[] { request, connection, null, default(CancellationToken), force })!;
        }

        await AssumeRole(Service(), force: true);
        var reader = Service();
        if (Environment.GetEnvironmentVariable("STS_PROBE_WARMUP") == "1")
            await (Task)engine.GetType("StsTools.Caching.CacheReaderWarmup", true)!.GetMethod("Start")!.Invoke(null, null)!;
        jitted?.Drain(); // what the JIT did before the hit
        await AssumeRole(reader, force: false);
        foreach (var method in jitted?.Drain() ?? Array.Empty<string>()) Console.WriteLine("hit-jitted " + method);
        Console.WriteLine("hit done");
    }
}

/// <summary>Records the methods the JIT compiles (runtime events reach a listener asynchronously: <see cref="Drain"/> waits for them to settle).</summary>
internal sealed class JitRecorder : System.Diagnostics.Tracing.EventListener
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _methods = new();
    private long _lastEvent = Environment.TickCount64;

    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x10);
    }

    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
    {
        if (e.EventName != "MethodJittingStarted_V1" || e.Payload is null) return;
        _methods.Enqueue($"{e.Payload[4]}::{e.Payload[5]}");
        Interlocked.Exchange(ref _lastEvent, Environment.TickCount64);
    }

    /// <summary>Waits for the events to settle, then returns and forgets the methods recorded so far.</summary>
    public string[] Drain()
    {
        // Quiet for a second, counted from now at the earliest: events arrive some time after the fact.
        var start = Environment.TickCount64;
        var deadline = start + 10_000;
        while (Environment.TickCount64 - Math.Max(start, Interlocked.Read(ref _lastEvent)) < 1_000 && Environment.TickCount64 < deadline) Thread.Sleep(100);
        var methods = new System.Collections.Generic.List<string>();
        while (_methods.TryDequeue(out var method)) methods.Add(method);
        return methods.ToArray();
    }
}
