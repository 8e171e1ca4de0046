using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace StsTools.Tests.Infrastructure;

/// <summary>A real moto_server on a free 127.0.0.1 port, started for a test class and stopped after it.</summary>
public sealed class MotoServer : IDisposable
{
    public const string AccountId = "123456789012";
    public const string AccessKey = "AKIDSTSTOOLSTEST0001";
    public const string SecretKey = "test-secret-key-for-moto-only-0001";

    private readonly Process _process;

    public MotoServer() : this(null) { }

    /// <summary>Extra moto settings, for example INITIAL_NO_AUTH_ACTION_COUNT.</summary>
    public static MotoServer WithEnvironment(IDictionary<string, string> environment) => new(environment);

    private MotoServer(IDictionary<string, string>? environment)
    {
        Port = FreePort.Next();
        Endpoint = $"http://127.0.0.1:{Port}";
        var psi = new ProcessStartInfo("moto_server", $"-H 127.0.0.1 -p {Port}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (environment is not null)
            foreach (var kv in environment) psi.Environment[kv.Key] = kv.Value;
        _process = Process.Start(psi) ?? throw new InvalidOperationException("moto_server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilUp();
    }

    public int Port { get; }

    public string Endpoint { get; }

    private void WaitUntilUp()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException("moto_server exited with code " + _process.ExitCode);
            try
            {
                using var r = http.GetAsync(Endpoint + "/moto-api/").GetAwaiter().GetResult();
                return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            Thread.Sleep(100);
        }
        throw new TimeoutException("moto_server did not answer on " + Endpoint);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) { _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}
