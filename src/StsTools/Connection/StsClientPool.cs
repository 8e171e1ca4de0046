using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;

namespace StsTools.Connection;

/// <summary>
/// One SDK client per (region, endpoint, source credentials), reused across calls and commands:
/// building a client and resolving credentials are the expensive parts of a call, not the call.
/// </summary>
internal sealed class StsClientPool : IDisposable
{
    // Bounded so that a long session with many distinct keys cannot grow without limit.
    private const int MaxClients = 64;
    private readonly ConcurrentDictionary<string, Lazy<StsClient>> _clients = new(StringComparer.Ordinal);
    private int _created;
    // Keys added since the last Clear, at most a few too many under races (the bound is a guard, not
    // a contract); counted here because the dictionary's Count takes every one of its locks.
    private int _pooled;

    /// <summary>How many clients this pool has built (the benchmark and tests watch it).</summary>
    public int ClientsCreated => Volatile.Read(ref _created);

    public StsClient Get(ResolvedConnection connection)
    {
        if (_clients.TryGetValue(connection.PoolKey, out var pooled) && pooled.IsValueCreated) return pooled.Value;
        // Dropped, not disposed: another thread may still be using one of them.
        if (Volatile.Read(ref _pooled) >= MaxClients)
        {
            _clients.Clear();
            Interlocked.Exchange(ref _pooled, 0);
        }
        var entry = _clients.GetOrAdd(connection.PoolKey, _ =>
        {
            Interlocked.Increment(ref _pooled);
            return new Lazy<StsClient>(() => Create(connection), LazyThreadSafetyMode.ExecutionAndPublication);
        });
        try
        {
            return entry.Value;
        }
        catch (Exception)
        {
            // A Lazy keeps its exception: forget the entry, so the next call tries again (a fixed config file).
            // (Only this entry: another thread may have replaced it already.)
            if (((ICollection<KeyValuePair<string, Lazy<StsClient>>>)_clients).Remove(new KeyValuePair<string, Lazy<StsClient>>(connection.PoolKey, entry)))
                Interlocked.Decrement(ref _pooled);
            throw;
        }
    }

    private StsClient Create(ResolvedConnection connection)
    {
        Interlocked.Increment(ref _created);
        // The SDK's client configuration reads the shared config file itself: checked first.
        Profiles.SharedFiles.EnsureFitForReading(Env.ProcessEnvironmentVariables.Instance);
        var config = new AmazonSecurityTokenServiceConfig
        {
            // Standard mode: 3 attempts with exponential backoff and jitter, throttling-aware.
            RetryMode = RequestRetryMode.Standard,
            Timeout = connection.Timeout,
            // Set, never left to the SDK, which fails on the documented spellings (DefaultsMode).
            DefaultConfigurationMode = DefaultsMode.Resolve(connection.DefaultsModeSetting, connection.SettingsProfile),
            // The module resolved the endpoint (EndpointResolver): the SDK must not pick another
            // one from AWS_ENDPOINT_URL* or the config behind its back.
            IgnoreConfiguredEndpointUrls = true,
            // A redirect would re-send the signed request (a web identity token, a SAML assertion)
            // to a host the endpoint checks never saw: not followed, it is an error.
            AllowAutoRedirect = false,
            // One time-out over the whole exchange, body included; responses capped; no proxy
            // for an endpoint on this machine (ExchangeLimits).
            HttpClientFactory = new BoundedHttpClientFactory(connection.EndpointUrl, connection.Timeout),
        };
        if (connection.EndpointUrl is not null)
        {
            config.ServiceURL = connection.EndpointUrl;
            config.AuthenticationRegion = connection.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(connection.Region);
        }
        return connection.Credentials is null ? new StsClient(config) : new StsClient(connection.Credentials, config);
    }

    public void Clear()
    {
        foreach (var entry in _clients.Values)
            if (entry.IsValueCreated) entry.Value.Dispose();
        _clients.Clear();
    }

    public void Dispose() => Clear();
}
