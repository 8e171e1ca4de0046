using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace StsTools.Tests.Infrastructure;

/// <summary>tests/StsTools.TestProcess: the engine in a process of its own.</summary>
internal static class TestProcess
{
    public static string Dll
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory.Replace("StsTools.Tests", "StsTools.TestProcess"), "StsTools.TestProcess.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("StsTools.TestProcess is not built", path);
        }
    }

    /// <summary>Runs a mode to completion.</summary>
    public static (int ExitCode, string StdOut, string StdErr) Run(params string[] args) =>
        ChildProcess.Run("dotnet", args.Prepend(Dll));

    /// <summary>Starts a mode and returns the running process (the caller kills it).</summary>
    public static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi) ?? throw new InvalidOperationException("could not start StsTools.TestProcess");
    }
}
