using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace StsTools.Tests.Infrastructure;

internal static class ChildProcess
{
    /// <summary>Runs a program to completion (60 s at most) and returns its exit code and output.</summary>
    public static (int ExitCode, string StdOut, string StdErr) Run(string fileName, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null)
    {
        var psi = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        if (environment is not null)
            foreach (var kv in environment)
                if (kv.Value is null) psi.Environment.Remove(kv.Key); else psi.Environment[kv.Key] = kv.Value;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + fileName);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000)) { p.Kill(true); throw new TimeoutException(fileName + " did not finish in 60 s"); }
        return (p.ExitCode, stdout.Result.Trim(), stderr.Result.Trim());
    }
}
