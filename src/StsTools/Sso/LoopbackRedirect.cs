using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace StsTools.Sso;

/// <summary>
/// The redirect target of the authorization code sign-in: a listener on 127.0.0.1 at a port the
/// system picks, answering the browser's GET /oauth/callback?code=...&amp;state=... (or ?error=...)
/// with a page that sends the user back to PowerShell. Only this machine can reach it; anything
/// else it is asked for gets 404 and the wait goes on.
/// </summary>
public sealed class LoopbackRedirect : IDisposable
{
    private const string CallbackPath = "/oauth/callback";
    private const int MaxRequestBytes = 16 * 1024;
    private readonly TcpListener _listener;

    private LoopbackRedirect(TcpListener listener) => _listener = listener;

    /// <summary>Starts listening on 127.0.0.1 at a free port.</summary>
    public static LoopbackRedirect Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new LoopbackRedirect(listener);
    }

    /// <summary>The redirect URI with this listener's port (what the authorization and the token request name).</summary>
    public string RedirectUri => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{CallbackPath}";

    /// <summary>The redirect URI as the client registers it: without a port, as RFC 8252 allows for loopback.</summary>
    public const string RegisteredRedirectUri = "http://127.0.0.1" + CallbackPath;

    /// <summary>
    /// Waits for the callback until <paramref name="timeout"/> or <paramref name="cancellationToken"/>;
    /// returns its code and state, or its error (null on time-out).
    /// </summary>
    public async Task<(string? Code, string? State, string? Error)?> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        using (limit.Token.Register(() => _listener.Stop()))
        {
            while (true)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is ObjectDisposedException or SocketException or InvalidOperationException)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    return null; // the time-out stopped the listener
                }
                // A connection that sends nothing in 10 seconds is dropped, never waited for.
                using (client)
                using (var perClient = CancellationTokenSource.CreateLinkedTokenSource(limit.Token))
                {
                    perClient.CancelAfter(TimeSpan.FromSeconds(10));
                    using (perClient.Token.Register(client.Close))
                    {
                        var answer = await AnswerAsync(client, perClient.Token).ConfigureAwait(false);
                        if (answer is not null) return answer;
                    }
                }
            }
        }
    }

    private static async Task<(string? Code, string? State, string? Error)?> AnswerAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var stream = client.GetStream();
        string? target;
        try
        {
            target = await ReadRequestTargetAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.IO.IOException or SocketException or ObjectDisposedException)
        {
            return null;
        }
        var query = target is not null && target.StartsWith(CallbackPath, StringComparison.Ordinal) && (target.Length == CallbackPath.Length || target[CallbackPath.Length] == '?')
            ? Query(target.Substring(CallbackPath.Length).TrimStart('?'))
            : null;
        var (code, state, error) = query is null ? (null, null, null) : (Get(query, "code"), Get(query, "state"), Get(query, "error"));
        var done = query is not null && (error is not null || (code is not null && state is not null));
        var page = done
            ? error is null
                ? "<h1>Signed in</h1><p>StsModule has the sign-in. You can close this tab and return to PowerShell.</p>"
                : "<h1>Sign-in failed</h1><p>IAM Identity Center did not sign you in. Return to PowerShell for the reason.</p>"
            : "<h1>Not found</h1>";
        var body = Encoding.UTF8.GetBytes($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>AWS sign-in</title></head><body>{page}</body></html>");
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {(done ? "200 OK" : "404 Not Found")}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n");
        try
        {
            await stream.WriteAsync(head, 0, head.Length, cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(body, 0, body.Length, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.IO.IOException or SocketException or ObjectDisposedException) { }
        return done ? (code, state, error) : null;
    }

    // The request line's target of a GET, read up to the end of the headers (bounded).
    private static async Task<string?> ReadRequestTargetAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequestBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            length += read;
            if (Encoding.ASCII.GetString(buffer, 0, length).Contains("\r\n\r\n")) break;
        }
        var text = Encoding.ASCII.GetString(buffer, 0, length);
        var line = text.Split(new[] { "\r\n" }, 2, StringSplitOptions.None)[0].Split(' ');
        return line.Length >= 2 && line[0] == "GET" ? line[1] : null;
    }

    private static System.Collections.Generic.Dictionary<string, string> Query(string query)
    {
        var values = new System.Collections.Generic.Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&'))
        {
            if (pair.Length == 0) continue;
            var at = pair.IndexOf('=');
            var name = Uri.UnescapeDataString((at < 0 ? pair : pair.Substring(0, at)).Replace('+', ' '));
            var value = at < 0 ? string.Empty : Uri.UnescapeDataString(pair.Substring(at + 1).Replace('+', ' '));
            if (!values.ContainsKey(name)) values[name] = value;
        }
        return values;
    }

    private static string? Get(System.Collections.Generic.Dictionary<string, string> query, string name) =>
        query.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listener.Stop();
}
