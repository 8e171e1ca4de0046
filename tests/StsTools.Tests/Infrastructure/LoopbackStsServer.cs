using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace StsTools.Tests.Infrastructure;

/// <summary>One request as it arrived on the wire.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The form fields of a query-protocol body, URL-decoded.</summary>
    public IReadOnlyDictionary<string, string> Form =>
        Body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : string.Empty);

    public string? Action => Form.TryGetValue("Action", out var a) ? a : null;
}

/// <summary>What the loopback server answers.</summary>
public sealed record CannedResponse(int Status, string Body, string ContentType = "text/xml");

/// <summary>
/// A small HTTP server on 127.0.0.1 that records every request and either answers it itself or
/// forwards it to another server (moto) — so tests can see exactly what reached the wire.
/// </summary>
public sealed class LoopbackStsServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<RecordedRequest, Task<CannedResponse>> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackStsServer(Func<RecordedRequest, Task<CannedResponse>> handler)
    {
        _handler = handler;
        Port = FreePort.Next();
        Endpoint = $"http://127.0.0.1:{Port}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Endpoint { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>A server that records and forwards everything to <paramref name="upstream"/>.</summary>
    public static LoopbackStsServer ForwardingTo(string upstream)
    {
        var http = new HttpClient();
        return new LoopbackStsServer(async req =>
        {
            using var message = new HttpRequestMessage(new HttpMethod(req.Method), upstream + req.Path)
            {
                Content = new StringContent(req.Body, Encoding.UTF8, "application/x-www-form-urlencoded"),
            };
            foreach (var h in req.Headers)
                if (h.Key.StartsWith("X-Amz", StringComparison.OrdinalIgnoreCase) || h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
                    message.Headers.TryAddWithoutValidation(h.Key, h.Value);
            using var response = await http.SendAsync(message);
            return new CannedResponse((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        });
    }

    /// <summary>A server that answers every request with the same status and body.</summary>
    public static LoopbackStsServer Answering(int status, string body) =>
        new(_ => Task.FromResult(new CannedResponse(status, body)));

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (HttpListenerException) { return; }
            catch (ObjectDisposedException) { return; }
            _ = Task.Run(() => ServeAsync(ctx));
        }
    }

    private async Task ServeAsync(HttpListenerContext ctx)
    {
        try
        {
            string body;
            using (var reader = new StreamReader(ctx.Request.InputStream, Encoding.UTF8)) body = await reader.ReadToEndAsync();
            var headers = ctx.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => ctx.Request.Headers[k] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
            var recorded = new RecordedRequest(ctx.Request.HttpMethod, ctx.Request.Url?.PathAndQuery ?? "/", headers, body);
            Requests.Enqueue(recorded);
            var answer = await _handler(recorded);
            var bytes = Encoding.UTF8.GetBytes(answer.Body);
            ctx.Response.StatusCode = answer.Status;
            ctx.Response.ContentType = answer.ContentType;
            ctx.Response.Headers["x-amzn-RequestId"] = "loopback-" + Requests.Count;
            ctx.Response.ContentLength64 = bytes.Length;
            await ctx.Response.OutputStream.WriteAsync(bytes);
            ctx.Response.Close();
        }
        catch (Exception) when (_stop.IsCancellationRequested) { }
    }

    public void Dispose()
    {
        _stop.Cancel();
        // The managed HttpListener can throw "Address already in use" from Close when another
        // listener of the test run took the port's endpoint meanwhile: the server is stopped either way.
        try { _listener.Stop(); _listener.Close(); } catch (ObjectDisposedException) { } catch (System.Net.HttpListenerException) { }
        try { _loop.Wait(2000); } catch (AggregateException) { }
    }
}
