using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace StsTools.Bench;

internal static class Measure
{
    /// <summary>Median of the per-round averages, in milliseconds per operation.</summary>
    public static async Task<double> MedianMsAsync(int rounds, int perRound, Func<Task> op)
    {
        var samples = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < perRound; i++) await op();
            samples.Add(watch.Elapsed.TotalMilliseconds / perRound);
        }
        return Median(samples);
    }

    /// <summary>
    /// Two operations timed call by call, alternating (and swapping which goes first every pair),
    /// so both see the same moments of a noisy machine and server; the medians of the per-call times.
    /// </summary>
    public static async Task<(double A, double B)> PairedMedianMsAsync(int pairs, Func<Task> a, Func<Task> b)
    {
        var timesA = new List<double>(pairs);
        var timesB = new List<double>(pairs);
        var watch = new Stopwatch();
        for (var i = 0; i < pairs; i++)
        {
            foreach (var first in i % 2 == 0 ? new[] { true, false } : new[] { false, true })
            {
                watch.Restart();
                await (first ? a() : b());
                (first ? timesA : timesB).Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        return (Median(timesA), Median(timesB));
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>
    /// Times a fresh process's first call, made after its loading (<paramref name="loadMs"/>), and
    /// prints what the table reads, a line each: the call in ms, peak MiB, the methods the JIT
    /// compiled during the call, the loading in ms, the JIT's time during the call in ms. Both the
    /// module's process (StsTools.ColdStart) and the raw SDK's (first-raw) report through this.
    /// </summary>
    public static async Task FirstCallAsync(double loadMs, Func<Task> call)
    {
        var jittedBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
        var jitTimeBefore = System.Runtime.JitInfo.GetCompilationTime();
        var watch = Stopwatch.StartNew();
        await call();
        var callMs = watch.Elapsed.TotalMilliseconds;
        Console.WriteLine(callMs.ToString("F2"));
        Console.WriteLine(PeakMemoryMiB().ToString("F1"));
        Console.WriteLine(System.Runtime.JitInfo.GetCompiledMethodCount() - jittedBefore);
        Console.WriteLine(loadMs.ToString("F2"));
        Console.WriteLine((System.Runtime.JitInfo.GetCompilationTime() - jitTimeBefore).TotalMilliseconds.ToString("F1"));
    }

    /// <summary>Peak resident memory of this process (VmHWM), in MiB; 0 where /proc is missing.</summary>
    public static double PeakMemoryMiB()
    {
        try
        {
            var line = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        }
        catch (Exception) { return 0; }
    }

    /// <summary>Runs a child process; returns wall time in ms and its output lines.</summary>
    public static (double WallMs, string[] Lines) Run(string file, params string[] args) => Run(null, file, args);

    /// <summary>Runs a child process with extra environment variables.</summary>
    public static (double WallMs, string[] Lines) Run(IDictionary<string, string>? environment, string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        foreach (var pair in environment ?? new Dictionary<string, string>()) psi.Environment[pair.Key] = pair.Value;
        var watch = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        watch.Stop();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {error}");
        return (watch.Elapsed.TotalMilliseconds, output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
