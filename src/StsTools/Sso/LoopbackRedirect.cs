using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace StsTools.Sso;

/// <summary>
/// The redirect target of the authorization code sign-in: a listener on 127.0.0.1 at a port the
/// system picks, waiting for the browser's GET /oauth/callback?code=...&amp;state=... (or ?error=...)
/// that carries this sign-in's state. Connections are served side by side (browsers open spare
/// ones that send nothing; those are dropped after a while); anything else, and an answer with
/// another or no state, gets its page and the wait goes on, so no other local page can end or
/// hijack the sign-in. The browser of the real answer is told how the sign-in ended only once it
/// has (<see cref="Callback.RespondAsync"/>).
/// </summary>
public sealed class LoopbackRedirect : IDisposable
{
    private const string CallbackPath = "/oauth/callback";
    private const int MaxRequestBytes = 16 * 1024;
    private const int MaxConnections = 16;
    private static readonly TimeSpan ConnectionTimeout = TimeSpan.FromSeconds(10);
    private readonly TcpListener _listener;

    private LoopbackRedirect(TcpListener listener) =>
        (_listener, RedirectUri) = (listener, $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}{CallbackPath}");

    /// <summary>Starts listening on 127.0.0.1 at a free port.</summary>
    public static LoopbackRedirect Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new LoopbackRedirect(listener);
    }

    /// <summary>The redirect URI with this listener's port (what the authorization and the token request name; fixed at the start, as the port is).</summary>
    public string RedirectUri { get; }

    /// <summary>The redirect URI as the client registers it: without a port, as RFC 8252 allows for loopback.</summary>
    public const string RegisteredRedirectUri = "http://127.0.0.1" + CallbackPath;

    /// <summary>An answer of the browser that carries the expected state: a code, or an error.</summary>
    public sealed class Callback : IDisposable
    {
        private readonly TcpClient _client;

        internal Callback(TcpClient client, string? code, string? error, string? errorDescription) =>
            (_client, Code, Error, ErrorDescription) = (client, code, error, errorDescription);

        /// <summary>The authorization code (null with an error).</summary>
        public string? Code { get; }

        /// <summary>The error the service sent the browser back with (access_denied, ...), if any.</summary>
        public string? Error { get; }

        /// <summary>Its description, if any.</summary>
        public string? ErrorDescription { get; }

        /// <summary>Tells the waiting browser how the sign-in ended.</summary>
        public Task RespondAsync(bool signedIn) => Page(_client, "200 OK",
            signedIn ? "<h1>Signed in</h1><p>StsModule has the sign-in. You can close this tab and return to PowerShell.</p>"
                     : "<h1>Sign-in failed</h1><p>IAM Identity Center did not sign you in. Return to PowerShell for the reason.</p>");

        /// <summary>Closes the browser's connection.</summary>
        public void Dispose() => _client.Close();
    }

    /// <summary>
    /// Waits for the answer that carries <paramref name="state"/> until <paramref name="timeout"/>
    /// or <paramref name="cancellationToken"/>; null on time-out.
    /// </summary>
    public async Task<Callback?> WaitAsync(string state, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var answered = new TaskCompletionSource<Callback?>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Not disposed: connections still being dropped release their slot after this returns.
        var slots = new SemaphoreSlim(MaxConnections, MaxConnections);
        using (limit.Token.Register(() => _listener.Stop()))
        {
            try
            {
                await Task.WhenAny(answered.Task, AcceptAsync(state, answered, slots, limit.Token)).ConfigureAwait(false);
                var callback = answered.Task.IsCompleted ? answered.Task.Result : null;
                if (cancellationToken.IsCancellationRequested)
                {
                    callback?.Dispose();
                    cancellationToken.ThrowIfCancellationRequested();
                }
                return callback;
            }
            finally
            {
                limit.Cancel(); // the other connections, idle or not, are closed now
            }
        }
    }

    private async Task AcceptAsync(string state, TaskCompletionSource<Callback?> answered, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        while (!answered.Task.IsCompleted)
        {
            TcpClient client;
            try
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException or InvalidOperationException or OperationCanceledException)
            {
                return; // stopped: the time-out or Ctrl+C
            }
            _ = ServeAsync(client, state, answered, slots, cancellationToken);
        }
    }

    // One connection: its request read within ConnectionTimeout, then answered (or, for the real
    // answer, kept open until the sign-in ends).
    private static async Task ServeAsync(TcpClient client, string state, TaskCompletionSource<Callback?> answered, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        var keep = false;
        try
        {
            using var perClient = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            perClient.CancelAfter(ConnectionTimeout);
            string? target;
            using (perClient.Token.Register(client.Close))
                target = await ReadRequestTargetAsync(client.GetStream(), perClient.Token).ConfigureAwait(false);
            var query = target is not null && target.StartsWith(CallbackPath, StringComparison.Ordinal) && (target.Length == CallbackPath.Length || target[CallbackPath.Length] == '?')
                ? Query(target.Substring(CallbackPath.Length).TrimStart('?'))
                : null;
            if (query is null)
            {
                await Page(client, "404 Not Found", "<h1>Not found</h1>").ConfigureAwait(false);
                return;
            }
            // Only the answer with this sign-in's state counts; any other is not for it.
            if (!string.Equals(Get(query, "state"), state, StringComparison.Ordinal))
            {
                await Page(client, "400 Bad Request", "<h1>Not this sign-in</h1><p>This answer does not belong to the sign-in StsModule is waiting for; it was ignored.</p>").ConfigureAwait(false);
                return;
            }
            var (code, error) = (Get(query, "code"), Get(query, "error"));
            if (code is null && error is null)
            {
                await Page(client, "400 Bad Request", "<h1>Incomplete answer</h1><p>It carried neither a code nor an error; it was ignored.</p>").ConfigureAwait(false);
                return;
            }
            keep = answered.TrySetResult(new Callback(client, code, error, Get(query, "error_description")));
            if (!keep) await Page(client, "409 Conflict", "<h1>Already answered</h1>").ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.IO.IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // A connection that sent nothing in time, or went away: dropped; the wait goes on.
        }
        finally
        {
            if (!keep) client.Close();
            slots.Release();
        }
    }

    private static async Task Page(TcpClient client, string status, string html)
    {
        var body = Encoding.UTF8.GetBytes($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>AWS sign-in</title></head><body>{html}</body></html>");
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n");
        try
        {
            var stream = client.GetStream();
            await stream.WriteAsync(head, 0, head.Length).ConfigureAwait(false);
            await stream.WriteAsync(body, 0, body.Length).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.IO.IOException or SocketException or ObjectDisposedException or InvalidOperationException) { }
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
        var line = Encoding.ASCII.GetString(buffer, 0, length).Split(new[] { "\r\n" }, 2, StringSplitOptions.None)[0].Split(' ');
        return line.Length >= 2 && line[0] == "GET" ? line[1] : null;
    }

    private static Dictionary<string, string> Query(string query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
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

    private static string? Get(Dictionary<string, string> query, string name) =>
        query.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listener.Stop();
}
