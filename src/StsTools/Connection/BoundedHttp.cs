using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;

namespace StsTools.Connection;

/// <summary>
/// The limits every HTTP exchange of the module keeps (STS, SSO, the federation endpoint): one
/// time-out for the whole exchange, response body included, and a cap on the response's size.
/// </summary>
internal static class ExchangeLimits
{
    /// <summary>
    /// The largest response read. STS answers are a few KB, a DecodeAuthorizationMessage answer
    /// some tens; 1 MiB leaves room for all of them and keeps a hostile endpoint from filling memory.
    /// </summary>
    public const int MaxResponseBytes = 1024 * 1024;

    /// <summary>The longest service message an ErrorRecord carries; the rest is cut and said to be.</summary>
    public const int MaxMessageChars = 2000;

    /// <summary>A message cut to <see cref="MaxMessageChars"/>, saying how long it was.</summary>
    public static string Truncate(string? message)
    {
        if (message is null || message.Length <= MaxMessageChars) return message ?? string.Empty;
        return message.Substring(0, MaxMessageChars) + $"... (cut: the service's message was {message.Length:N0} characters)";
    }

    /// <summary>An HttpClient that keeps the limits, takes no redirect and, for loopback endpoints, no proxy.</summary>
    public static HttpClient CreateClient(bool loopback, TimeSpan timeout)
    {
        var inner = new HttpClientHandler
        {
            // A redirect would re-send the request (a signed body, a token, the session's keys in a
            // federation URL) to a host the endpoint checks never saw: not followed, it is an error.
            AllowAutoRedirect = false,
            // "Plain http only to this machine" must hold: a proxy would carry the exchange off it.
            UseProxy = !loopback,
        };
        return new HttpClient(new BoundedResponseHandler(timeout) { InnerHandler = inner })
        {
            Timeout = Timeout.InfiniteTimeSpan, // the handler's time-out covers the body too
            MaxResponseContentBufferSize = MaxResponseBytes,
        };
    }

    /// <summary>True when <paramref name="url"/> is an absolute URL on this machine.</summary>
    public static bool IsLoopbackUrl(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && EndpointResolver.IsLoopback(uri);
}

/// <summary>Thrown when a response is larger than <see cref="ExchangeLimits.MaxResponseBytes"/>.</summary>
internal sealed class ResponseTooLargeException : HttpRequestException
{
    public ResponseTooLargeException(long size)
        : base($"the response was larger than {ExchangeLimits.MaxResponseBytes / 1024} KiB{(size > 0 ? $" ({size:N0} bytes announced)" : string.Empty)}, which no STS or sign-in answer is") { }
}

/// <summary>
/// Sends the request and reads the whole body under one time-out, at most
/// <see cref="ExchangeLimits.MaxResponseBytes"/> of it, so that the caller gets a response whose
/// content is already in memory. The SDK reads responses as streams after the headers, and its
/// time-out ends with the headers: an endpoint that stalls mid-body would hang the call for ever.
/// </summary>
internal sealed class BoundedResponseHandler : DelegatingHandler
{
    private readonly TimeSpan _timeout;

    public BoundedResponseHandler(TimeSpan timeout) => _timeout = timeout;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_timeout);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, limit.Token).ConfigureAwait(false);
            if (response.Content is { } content)
            {
                var announced = content.Headers.ContentLength ?? -1;
                if (announced > ExchangeLimits.MaxResponseBytes) throw new ResponseTooLargeException(announced);
                var body = await ReadBoundedAsync(content, announced, limit.Token).ConfigureAwait(false);
                var buffered = new ByteArrayContent(body);
                foreach (var header in content.Headers)
                    if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                        buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
                response.Content = buffered;
                content.Dispose();
            }
            return response;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            // What the SDK's own time-out throws: its retry policy and the module's error mapping
            // treat it as the time-out it is.
            throw new TimeoutException($"the exchange did not complete within {_timeout.TotalSeconds:0.#} s");
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, long announced, CancellationToken cancellationToken)
    {
        using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
        // ReadAsStreamAsync takes no token on netstandard2.0: a stalled read ends when the token
        // disposes the stream.
        using var registration = cancellationToken.Register(() => stream.Dispose());
        try
        {
            // The usual answer says its length: one array of that size, read to its end.
            if (announced >= 0)
            {
                var exact = new byte[announced];
                var at = 0;
                while (at < exact.Length)
                {
                    var n = await stream.ReadAsync(exact, at, exact.Length - at, cancellationToken).ConfigureAwait(false);
                    if (n == 0) break; // shorter than announced: the SDK's reader reports the truncation
                    at += n;
                }
                if (at == exact.Length) return exact;
                var shorter = new byte[at];
                Array.Copy(exact, shorter, at);
                return shorter;
            }
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            while (true)
            {
                var read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false);
                if (read == 0) return buffer.ToArray();
                if (buffer.Length + read > ExchangeLimits.MaxResponseBytes) throw new ResponseTooLargeException(-1);
                buffer.Write(chunk, 0, read);
            }
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }
}

/// <summary>
/// Gives the SDK's clients (STS, SSO, SSO OIDC) an HttpClient that keeps <see cref="ExchangeLimits"/>.
/// One factory per client configuration, owning one HttpClient: the module pools the SDK clients.
/// </summary>
internal sealed class BoundedHttpClientFactory : HttpClientFactory
{
    private readonly Lazy<HttpClient> _client;

    public BoundedHttpClientFactory(string? endpointUrl, TimeSpan timeout) =>
        _client = new Lazy<HttpClient>(() => ExchangeLimits.CreateClient(ExchangeLimits.IsLoopbackUrl(endpointUrl), timeout));

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => _client.Value;

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
}
