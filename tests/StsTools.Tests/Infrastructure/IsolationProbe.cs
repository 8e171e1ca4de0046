using System;
using System.Collections.Generic;
using System.IO;

namespace StsTools.Tests.Infrastructure;

/// <summary>tests/StsTools.IsolationProbe: another module's AWSSDK.Core first, then the engine from a module bin folder.</summary>
internal static class IsolationProbe
{
    /// <summary>Runs the probe over <paramref name="bin"/> in "isolated" or "shared" mode; returns its exit code and output.</summary>
    public static (int Code, string Output) Run(string bin, string endpoint, string mode, IDictionary<string, string?>? environment = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory.Replace("StsTools.Tests", "StsTools.IsolationProbe"), "StsTools.IsolationProbe.dll");
        var (code, stdout, stderr) = ChildProcess.Run("dotnet", new[] { dll, bin, endpoint, mode }, environment);
        return (code, stdout + "\n" + stderr);
    }
}
