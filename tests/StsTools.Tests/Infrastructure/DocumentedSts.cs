using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading;

namespace StsTools.Tests.Infrastructure;

/// <summary>
/// tests/fixtures/documented_sts.py on a free loopback port: the documented XML of the STS
/// operations moto lacks (the Pester tests start the same script). Put a
/// <see cref="LoopbackStsServer.ForwardingTo"/> recorder in front to see what reached the wire.
/// </summary>
public sealed class DocumentedSts : IDisposable
{
    public const string ValidEncodedMessage = "EXAMPLE-encoded-authorization-message-0123456789";
    public const string ExpiredTradeInToken = "expired-trade-in-token";
    public const string Jwt = "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2FwaS5leGFtcGxlLmNvbSJ9.c2lnbmF0dXJl";
    public const string DecodedJson = "{\"allowed\":false,\"explicitDeny\":false,\"matchedStatements\":{\"items\":[]},\"failures\":{\"items\":[]},\"context\":{\"principal\":{\"id\":\"AIDACKCEVSQ6C2EXAMPLE\",\"name\":\"Bob\",\"arn\":\"arn:aws:iam::123456789012:user/Bob\"},\"action\":\"ec2:StopInstances\",\"resource\":\"arn:aws:ec2:us-east-1:123456789012:instance/i-dd01c9bd\",\"conditions\":{\"items\":[{\"key\":\"ec2:Tenancy\",\"values\":{\"items\":[{\"value\":\"default\"}]}}]}}}";

    private readonly Process _process;

    public DocumentedSts()
    {
        var port = FreePort.Next();
        var script = Path.Combine(TestEnvironment.RepoRoot, "tests", "fixtures", "documented_sts.py");
        var psi = new ProcessStartInfo(Tools.Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(port.ToString());
        _process = Process.Start(psi) ?? throw new InvalidOperationException("python3 did not start");
        var ready = _process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(30)) || ready.Result != "ready")
            throw new InvalidOperationException("documented_sts.py did not start: " + _process.StandardError.ReadToEnd());
        Upstream = $"http://127.0.0.1:{port}";
    }

    /// <summary>The responder's URL.</summary>
    public string Upstream { get; }

    public void Dispose()
    {
        try { if (!_process.HasExited) { _process.Kill(true); _process.WaitForExit(5000); } } catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
