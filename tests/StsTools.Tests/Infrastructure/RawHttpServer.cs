using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace StsTools.Tests.Infrastructure;

/// <summary>
/// A loopback TCP server that speaks just enough HTTP/1.1 to misbehave on purpose: hang,
/// send any status line and headers (a skewed Date), or cut a body short.
/// The handler gets the request head and body and returns the raw response, or null to hang.
/// </summary>
public sealed class RawHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<int, string, string, string?> _handler;
    private int _count;

    public RawHttpServer(Func<int, string, string, string?> handler)
    {
        _handler = handler;
        _listener.Start();
        Endpoint = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _ = Task.Run(AcceptLoop);
    }

    public string Endpoint { get; }

    /// <summary>Request heads in arrival order.</summary>
    public ConcurrentQueue<string> Heads { get; } = new();

    public int Count => Volatile.Read(ref _count);

    /// <summary>A complete response with the given status, extra headers and body.</summary>
    public static string Response(int status, string body, params string[] headers)
    {
        var bytes = Encoding.UTF8.GetByteCount(body);
        var sb = new StringBuilder($"HTTP/1.1 {status} X\r\nContent-Type: text/xml\r\nContent-Length: {bytes}\r\nConnection: close\r\nx-amzn-RequestId: raw-{Guid.NewGuid():n}\r\n");
        foreach (var h in headers) sb.Append(h).Append("\r\n");
        return sb.Append("\r\n").Append(body).ToString();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHead(stream);
                var length = 0;
                foreach (var line in head.Split("\r\n"))
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = int.Parse(line.Substring(15).Trim());
                var body = new byte[length];
                var read = 0;
                while (read < length) read += await stream.ReadAsync(body.AsMemory(read, length - read), _stop.Token);
                Heads.Enqueue(head);
                var n = Interlocked.Increment(ref _count);
                var answer = _handler(n, head, Encoding.UTF8.GetString(body));
                if (answer is null)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token); // hang until the test ends
                    return;
                }
                var bytes = Encoding.UTF8.GetBytes(answer);
                await stream.WriteAsync(bytes, _stop.Token);
            }
            catch (Exception) { }
        }
    }

    private async Task<string> ReadHead(NetworkStream stream)
    {
        var buffer = new MemoryStream();
        var one = new byte[1];
        while (!buffer.ToArray().AsSpan().EndsWith("\r\n\r\n"u8))
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0) break;
            buffer.WriteByte(one[0]);
        }
        return Encoding.ASCII.GetString(buffer.ToArray());
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
