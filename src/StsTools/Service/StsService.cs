using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using StsTools.Caching;
using StsTools.Connection;
using StsTools.Env;
using StsTools.Errors;
using StsTools.Model;

namespace StsTools.Service;

/// <summary>
/// The engine's front door: one method per STS operation, taking and returning the module's own
/// types. Validates before any network call, reuses clients, maps every failure to an
/// <see cref="StsToolsException"/>.
/// </summary>
public sealed partial class StsService : IDisposable
{
    private readonly StsClientPool _pool = new();
    private readonly CredentialCache _cache;

    /// <summary>Creates a service reading the given environment (the process's when null).</summary>
    public StsService(IEnvironmentVariables? environment = null)
    {
        Environment = environment ?? ProcessEnvironmentVariables.Instance;
        EnvironmentGate = new EnvironmentGate(Environment);
        _cache = new CredentialCache(CacheOptions.FromEnvironment(Environment.Get));
    }

    /// <summary>
    /// Loads the engine's and the AWS SDK's assemblies and runs the SDK client types' initializers,
    /// reading no environment, profile or credentials and sending nothing: the module queues it at
    /// import, so that the session's first call does not wait for the loading (bench/README.md).
    /// </summary>
    public static void Preload()
    {
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(Amazon.SecurityToken.AmazonSecurityTokenServiceConfig).TypeHandle);
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(Amazon.SecurityToken.AmazonSecurityTokenServiceClient).TypeHandle);
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(StsClient).TypeHandle);
    }

    /// <summary>How AssumeRole and GetSessionToken results are cached; replace to change it.</summary>
    public CacheOptions CacheOptions
    {
        get => _cache.Options;
        set => _cache.Options = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Forgets every cached credential, in memory and on disk; returns the disk entries removed.</summary>
    public int ClearCache() => _cache.Clear();

    /// <summary>The instance the cmdlets share, so clients live as long as the PowerShell session.</summary>
    public static StsService Shared { get; } = new();

    /// <summary>The environment this service reads credentials from and writes them to.</summary>
    public IEnvironmentVariables Environment { get; }

    /// <summary>How many SDK clients this service has built so far.</summary>
    public int ClientsCreated => _pool.ClientsCreated;

    // Left out of every cache key: the MFA code (a later call with only the serial must find the MFA
    // session: that is the point of caching it) and the duration (checked against the cached
    // session instead, LastsFor below). Everything else in a request is in the key (RequestKey).
    private static readonly HashSet<string> KeyExcludes = new(StringComparer.Ordinal) { "TokenCode", "DurationSeconds" };

    // The duration is not in the cache key (a later call without it must find the MFA session),
    // so a cached session is served for an explicit -DurationSeconds only if it still lasts that
    // long, give or take the refresh window: a job that asks for 12 hours never gets the
    // one-hour session an earlier call cached.
    private bool LastsFor(ICredentialsResponse cached, int? durationSeconds) =>
        durationSeconds is not int seconds || cached.Credentials.Expiration.ToUniversalTime() >= DateTime.UtcNow.AddSeconds(seconds) - CacheOptions.RefreshWindow;

    /// <summary>What the module changed in <see cref="Environment"/>, to restore and to recognise its own credentials.</summary>
    public EnvironmentLedger EnvironmentLedger { get; } = new();

    /// <summary>The door to the AWS variables of <see cref="Environment"/> that every runspace shares.</summary>
    public EnvironmentGate EnvironmentGate { get; }

    /// <summary>
    /// The environment as the runspace of <paramref name="connection"/> may read it: while another
    /// runspace's Invoke-StsCommand block has its credentials in the AWS variables, those variables
    /// as they were before it (<see cref="Env.EnvironmentGate.ViewFor"/>).
    /// </summary>
    public IEnvironmentVariables EnvironmentFor(ConnectionOptions? connection) => EnvironmentGate.ViewFor(connection?.EnvironmentOwner ?? Guid.Empty);

    // Source credentials, region and endpoint of one call, read from that call's view of the environment.
    private SourceCredentialResolver ResolverFor(ConnectionOptions? connection) => new(EnvironmentFor(connection));

    /// <summary>
    /// Puts credentials into this service's environment (see <see cref="CredentialEnvironment.Apply"/>),
    /// remembering what each variable held before, and reports each change to <paramref name="log"/>
    /// without secrets. <paramref name="identity"/> names the credentials in later warnings.
    /// </summary>
    public System.Collections.Generic.IReadOnlyList<EnvironmentChange> SetEnvironment(Credentials credentials, string? region, IStsLog? log = null, string? identity = null)
    {
        var changes = EnvironmentGate.Change(env => CredentialEnvironment.Apply(EnvironmentLedger.Recording(env), credentials, region, ProfileRegion));
        EnvironmentLedger.NoteIdentity(credentials.AccessKeyId, identity ?? $"access key {SourceCredentialResolver.MaskKey(credentials.AccessKeyId)}");
        foreach (var change in changes) log?.Verbose(change.ToString());
        return changes;
    }

    /// <summary>
    /// <see cref="SetEnvironment"/> for the runspace <paramref name="owner"/>, after waiting for any
    /// other runspace whose Invoke-StsCommand block has its credentials in the environment.
    /// </summary>
    /// <param name="credentials">What to put into the environment.</param>
    /// <param name="region">The region to put there too, if any.</param>
    /// <param name="owner">The runspace that writes.</param>
    /// <param name="log">Verbose messages (no secrets) and the progress of a wait.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <param name="identity">Names the credentials in later warnings.</param>
    /// <param name="alive">
    /// Null for the process's first runspace, whose writes are the process's (recorded in
    /// <see cref="EnvironmentLedger"/>, inherited by what it starts). For any other, whether it
    /// is still running: its credentials then stand in the environment, holding the gate, until
    /// its Clear-StsEnvironment or until it is idle (<see cref="EnvironmentGate.Stand"/>), and
    /// other runspaces neither sign with them nor write over them meanwhile.
    /// </param>
    public async Task<IReadOnlyList<EnvironmentChange>> SetEnvironmentAsync(Credentials credentials, string? region, Guid owner, IStsLog? log, CancellationToken cancellationToken, string? identity = null, Func<bool>? alive = null)
    {
        using (await EnvironmentGate.AcquireAsync(owner, log, cancellationToken).ConfigureAwait(false))
        {
            var scopes = EnvironmentGate.ScopesOf(owner);
            if (scopes > 0)
                return InsideScope(env => CredentialEnvironment.Apply(env, credentials, region, ProfileRegion), log,
                    EnvironmentGate.IsStanding(owner) && scopes == 1
                        ? "This runspace's credentials stand in the environment since its Set-StsEnvironment: these changes last until its Clear-StsEnvironment."
                        : "Inside an Invoke-StsCommand block: these changes last until the block ends.");
            if (alive is null) return SetEnvironment(credentials, region, log, identity);
            var hold = await EnterCredentialScopeAsync(credentials, region, owner, log, cancellationToken).ConfigureAwait(false);
            EnvironmentGate.Stand(owner, hold, alive);
            log?.Verbose("This runspace is not the process's first, and every runspace shares the environment: these credentials stay in the AWS_* variables until Clear-StsEnvironment here (or until this runspace's script ends), other runspaces' environment writes and Invoke-StsCommand blocks wait for that, and their commands never sign with them.");
            return ((GatedScope)hold).Changes;
        }
    }

    /// <summary><see cref="ClearEnvironment"/> for the runspace <paramref name="owner"/>, waiting as <see cref="SetEnvironmentAsync"/> does.</summary>
    /// <param name="includeRegion">Also remove the region variables.</param>
    /// <param name="owner">The runspace that clears.</param>
    /// <param name="log">Verbose messages and the progress of a wait.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <param name="firstRunspace">False for a runspace other than the process's first: it clears only what it set itself.</param>
    public async Task<IReadOnlyList<EnvironmentChange>> ClearEnvironmentAsync(bool includeRegion, Guid owner, IStsLog? log, CancellationToken cancellationToken, bool firstRunspace = true)
    {
        using (await EnvironmentGate.AcquireAsync(owner, log, cancellationToken).ConfigureAwait(false))
        {
            // Inside an Invoke-StsCommand block of this runspace, the block's; otherwise this
            // runspace's standing credentials, put back as they were before its Set-StsEnvironment.
            var scopes = EnvironmentGate.ScopesOf(owner);
            if (scopes == 1 && EnvironmentGate.EndStanding(owner) is GatedScope ended)
            {
                var restored = ended.Restore();
                foreach (var change in restored) log?.Verbose(change.ToString());
                return restored;
            }
            if (scopes > 0)
                return InsideScope(env => CredentialEnvironment.Clear(env, includeRegion), log,
                    "Inside an Invoke-StsCommand block: the credential variables are removed until the block ends, then put back.");
            if (!firstRunspace)
            {
                // Another runspace's or the process's credentials are not this one's to remove.
                log?.Verbose("This runspace has put no credentials into the environment (Set-StsEnvironment), so there is nothing of its own to clear; the AWS_* variables are left as they are.");
                return Array.Empty<EnvironmentChange>();
            }
            return ClearEnvironment(includeRegion, log);
        }
    }

    // An environment write inside a scope (only its owner gets here while it lasts): the scope puts
    // everything back when it ends, so the write goes straight to the environment and the ledger of
    // what the user had stays as it is.
    private IReadOnlyList<EnvironmentChange> InsideScope(Func<IEnvironmentVariables, IReadOnlyList<EnvironmentChange>> change, IStsLog? log, string note)
    {
        var changes = EnvironmentGate.Change(change);
        log?.Verbose(note);
        foreach (var c in changes) log?.Verbose(c.ToString());
        return changes;
    }

    /// <summary>
    /// Puts <paramref name="credentials"/> into the environment until the returned scope is
    /// disposed, which restores every AWS variable (Invoke-StsCommand). Not recorded in
    /// <see cref="EnvironmentLedger"/>: nothing of it outlives the scope.
    /// </summary>
    public EnvironmentScope EnterCredentialScope(Credentials credentials, string? region, IStsLog? log = null)
    {
        var scope = EnvironmentGate.Change(env => EnvironmentScope.Enter(env, credentials, region, ProfileRegion));
        foreach (var change in scope.Changes) log?.Verbose(change.ToString());
        return scope;
    }

    /// <summary>
    /// <see cref="EnterCredentialScope"/> for the runspace <paramref name="owner"/>, holding the
    /// environment's gate until the result is disposed: other runspaces wait to change the AWS
    /// variables, and read them as they were before (<see cref="EnvironmentFor"/>).
    /// </summary>
    public async Task<IDisposable> EnterCredentialScopeAsync(Credentials credentials, string? region, Guid owner, IStsLog? log, CancellationToken cancellationToken)
    {
        var lease = await EnvironmentGate.AcquireAsync(owner, log, cancellationToken).ConfigureAwait(false);
        try
        {
            var scope = new GatedScope(EnvironmentGate, EnterCredentialScope(credentials, region, log), lease, () => EnvironmentGate.CountScope(owner, -1));
            EnvironmentGate.CountScope(owner, +1);
            return scope;
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    private sealed class GatedScope : IDisposable
    {
        private readonly EnvironmentGate _gate;
        private readonly EnvironmentScope _scope;
        private readonly Action _ended;
        private IDisposable? _lease;

        public GatedScope(EnvironmentGate gate, EnvironmentScope scope, IDisposable lease, Action ended) => (_gate, _scope, _lease, _ended) = (gate, scope, lease, ended);

        public IReadOnlyList<EnvironmentChange> Changes => _scope.Changes;

        public void Dispose() => Restore();

        // Puts every variable back and releases the gate; the changes that made (no secrets).
        public IReadOnlyList<EnvironmentChange> Restore()
        {
            var lease = Interlocked.Exchange(ref _lease, null);
            if (lease is null) return Array.Empty<EnvironmentChange>();
            try
            {
                return _gate.Change(_ => _scope.Restore());
            }
            finally
            {
                _ended();
                lease.Dispose();
            }
        }
    }

    /// <summary>
    /// The environment of a child process that runs as <paramref name="credentials"/>
    /// (Invoke-StsCommand -FilePath): <paramref name="inherited"/> (this process's variables), with
    /// the AWS variables as the runspace <paramref name="owner"/> sees them, then the credentials
    /// applied as <see cref="CredentialEnvironment.Apply"/> does. This process's environment is not touched.
    /// </summary>
    public Dictionary<string, string> ChildEnvironment(System.Collections.IDictionary inherited, Credentials credentials, string? region, Guid owner, IStsLog? log = null)
    {
        if (inherited is null) throw new ArgumentNullException(nameof(inherited));
        var child = new DictionaryEnvironmentVariables();
        foreach (System.Collections.DictionaryEntry entry in inherited)
            if (entry.Key is string name && entry.Value is string value) child.Values[name] = value;
        // The AWS variables as this runspace sees them: never another runspace's block's.
        var view = EnvironmentGate.ViewFor(owner);
        foreach (var name in CredentialEnvironment.ScopedVariables(child)) child.Set(name, view.Get(name));
        foreach (var change in CredentialEnvironment.Apply(child, credentials, region, ProfileRegion)) log?.Verbose(change.ToString());
        return child.Values;
    }

    // The region a profile names, for keeping the region of an AWS_PROFILE the environment loses.
    private static string? ProfileRegion(string profileName) => SourceCredentialResolver.FindProfile(profileName)?.Region?.SystemName;

    /// <summary>The region the call that produced <paramref name="result"/> used, if this engine made it.</summary>
    public string? RegionOf(object? result) =>
        result is not null && _resultRegions.TryGetValue(result, out var region) ? region.Value : null;

    // Which region each credentials result came from, for Invoke-StsCommand; weak, so results
    // are collected as usual. The BCL's mutable StrongBox, set through GetValue: a cached result
    // is handed to calls that finish at once (a -ThrottleLimit fan-out), and Remove-then-Add
    // raced there ("An item with the same key has already been added").
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, System.Runtime.CompilerServices.StrongBox<string?>> _resultRegions = new();

    private T Remember<T>(T result, string? region) where T : class
    {
        _resultRegions.GetValue(result, _ => new System.Runtime.CompilerServices.StrongBox<string?>()).Value = region;
        // Its credentials too: Set-StsProfile and Invoke-StsCommand often get only those.
        if (result is ICredentialsResponse { Credentials: { } credentials })
            _resultRegions.GetValue(credentials, _ => new System.Runtime.CompilerServices.StrongBox<string?>()).Value = region;
        return result;
    }

    /// <summary>
    /// Gives the environment back as it was before the module's first write (the user's AWS_PROFILE,
    /// CI keys, region), leaving variables someone else changed since; when the module wrote nothing,
    /// removes the credential variables. With <paramref name="includeRegion"/>, then removes the region ones.
    /// </summary>
    public System.Collections.Generic.IReadOnlyList<EnvironmentChange> ClearEnvironment(bool includeRegion, IStsLog? log = null)
    {
        var changes = new System.Collections.Generic.List<EnvironmentChange>();
        EnvironmentGate.Change(env =>
        {
            if (EnvironmentLedger.IsEmpty)
                changes.AddRange(CredentialEnvironment.Clear(env, includeRegion));
            else
            {
                changes.AddRange(EnvironmentLedger.Restore(env, out var leftAlone));
                foreach (var name in leftAlone) log?.Verbose($"Left {name} as it is: it changed after the module set it.");
                if (includeRegion) changes.AddRange(CredentialEnvironment.Clear(env, includeRegion: true, credentials: false));
            }
            return 0;
        });
        foreach (var change in changes) log?.Verbose(change.ToString());
        return changes;
    }

    // A credential-producing call whose source is the key an earlier -SetEnvironment wrote runs as
    // that identity: in a loop of `Use-StsRole $arn -SetEnvironment` the second role is assumed as
    // the first (role chaining, one-hour caps, AccessDenied). Say so, with the way out.
    private void WarnIfChained<TResult>(string operation, ConnectionOptions connection, ResolvedConnection resolved, IStsLog? log)
    {
        if (log is null || !typeof(ICredentialsResponse).IsAssignableFrom(typeof(TResult))) return;
        if (connection.AccessKey is not null || connection.Credential is not null || connection.ProfileName is not null || connection.ResolvedSource is not null) return;
        var written = EnvironmentLedger.WrittenAccessKeyId;
        if (written is null || !resolved.CredentialKey.StartsWith("keys:" + written + ":", StringComparison.Ordinal)) return;
        log.Warning($"{operation} runs as {EnvironmentLedger.WrittenIdentity}, whose credentials an earlier -SetEnvironment put into AWS_ACCESS_KEY_ID " +
            "(role chaining). To start from the credentials you had before, run Clear-StsEnvironment first, or name the source with -ProfileName or -Credential.");
    }

    /// <summary>
    /// What a cached credentials call is: the operation and its target (for messages), the
    /// request's cache key material, whether to skip the cache, a check run only before a real
    /// fetch (an MFA code the cache made unnecessary), the SDK call, the mapping of its answer,
    /// and which cached results may serve the request.
    /// </summary>
    private sealed class CachedCall<TSdk, TResult> where TResult : class, ICredentialsResponse
    {
        public CachedCall(string operation, object? target, string keyMaterial, Func<StsClient, CancellationToken, Task<TSdk>> call, Func<TSdk, TResult> map)
            => (Operation, Target, KeyMaterial, Call, Map) = (operation, target, keyMaterial, call, map);

        public string Operation { get; }
        public object? Target { get; }
        public string KeyMaterial { get; }
        public Func<StsClient, CancellationToken, Task<TSdk>> Call { get; }
        public Func<TSdk, TResult> Map { get; }
        public bool ForceRefresh { get; set; }
        public Action BeforeFetch { get; set; } = () => { };
        public Func<TResult, bool>? Accept { get; set; }
    }

    private async Task<TResult> CachedCallAsync<TSdk, TResult>(CachedCall<TSdk, TResult> request, ConnectionOptions connection, IStsLog? log, CancellationToken cancellationToken)
        where TSdk : Amazon.Runtime.AmazonWebServiceResponse
        where TResult : class, ICredentialsResponse
    {
        var (operation, target, call, map) = (request.Operation, request.Target, request.Call, request.Map);
        connection = await ThroughRoleProfileAsync(operation, connection, true, log, cancellationToken).ConfigureAwait(false);
        var resolved = ResolverFor(connection).Resolve(connection, true);
        WarnIfChained<TResult>(operation, connection, resolved, log);
        var sourceKey = SourceAccessKey(await SourceCredentialsAsync(resolved, operation).ConfigureAwait(false));
        var key = string.Join("\n", resolved.Region, resolved.EndpointUrl, sourceKey, request.KeyMaterial);
        var result = await _cache.GetOrFetchAsync(operation, key, request.ForceRefresh,
            async () =>
            {
                request.BeforeFetch();
                var fetchWith = resolved;
                if (connection.FetchSource is { } fetchSource)
                {
                    var through = connection.Clone();
                    through.ResolvedSource = await fetchSource(cancellationToken).ConfigureAwait(false);
                    through.FetchSource = null;
                    fetchWith = ResolverFor(through).Resolve(through, true);
                }
                return await ExecuteAsync(operation, target, fetchWith, log, call, map, cancellationToken).ConfigureAwait(false);
            }, log, cancellationToken, request.Accept).ConfigureAwait(false);
        return Remember(result, resolved.Region);
    }

    // The source access key id and a fingerprint of its secret (never the secret): a wrong secret
    // with the right key id must not be served a session that the right secret obtained.
    private static string SourceAccessKey(Amazon.Runtime.ImmutableCredentials? source) =>
        source is null ? string.Empty : source.AccessKey + "\n" + KeyHash.Hex("source-secret\n" + source.SecretKey, 16);

    // STS answers GetSessionToken and GetFederationToken signed by a session with AccessDenied:
    // say so before the call, naming where the session came from.
    private static void RefuseSessionCredentials(string operation, ResolvedConnection resolved, Amazon.Runtime.ImmutableCredentials? source)
    {
        if (operation is not ("GetSessionToken" or "GetFederationToken") || source is not { UseToken: true }) return;
        throw new StsToolsException(ErrorIds.LongTermCredentialsRequired, StsErrorCategory.InvalidOperation,
            $"{operation} must be called with an IAM user's long-term keys, and the credentials from {resolved.CredentialSource} are a session's (they carry a session token). " +
            "Name the user's keys with -ProfileName of a key profile or -AccessKey/-SecretKey; a session's credentials need no second session.",
            resolved.CredentialSource);
    }

    // The source credentials, obtained before the call so that a failing provider is named.
    private static async Task<Amazon.Runtime.ImmutableCredentials?> SourceCredentialsAsync(ResolvedConnection resolved, string operation)
    {
        if (resolved.Credentials is null) return null;
        try
        {
            return await resolved.Credentials.GetCredentialsAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A provider of the SDK chain (SSO, container, instance metadata, credential_process)
            // failed: say so, rather than blame STS for a call that never reached it.
            throw new StsToolsException(ErrorIds.CredentialsUnavailable, StsErrorCategory.AuthenticationError,
                $"{operation}: the source credentials from {resolved.CredentialSource} could not be obtained: {ex.Message}", resolved.CredentialSource, ex);
        }
    }

    private async Task<TResult> CallAsync<TSdk, TResult>(
        string operation, object? target, ConnectionOptions connection, IStsLog? log, bool signed,
        Func<StsClient, CancellationToken, Task<TSdk>> call, Func<TSdk, TResult> map, CancellationToken cancellationToken)
        where TSdk : Amazon.Runtime.AmazonWebServiceResponse
    {
        connection = await ThroughRoleProfileAsync(operation, connection, signed, log, cancellationToken).ConfigureAwait(false);
        var resolved = ResolverFor(connection).Resolve(connection, signed);
        WarnIfChained<TResult>(operation, connection, resolved, log);
        var result = await ExecuteAsync(operation, target, resolved, log, call, map, cancellationToken).ConfigureAwait(false);
        if (result is ICredentialsResponse credentialsResult) Remember<object>(credentialsResult, resolved.Region);
        return result;
    }

    private async Task<TResult> ExecuteAsync<TSdk, TResult>(
        string operation, object? target, ResolvedConnection resolved, IStsLog? log,
        Func<StsClient, CancellationToken, Task<TSdk>> call, Func<TSdk, TResult> map, CancellationToken cancellationToken)
        where TSdk : Amazon.Runtime.AmazonWebServiceResponse
    {
        var where = resolved.EndpointUrl is null ? $"the {resolved.Region} regional endpoint" : $"{resolved.EndpointUrl} (from {resolved.EndpointSource})";
        if (resolved.Warning is not null) log?.Warning(resolved.Warning);
        RefuseSessionCredentials(operation, resolved, await SourceCredentialsAsync(resolved, operation).ConfigureAwait(false));
        log?.Verbose($"{operation}: calling {where} (region {resolved.Region} from {resolved.RegionSource}) with credentials from {resolved.CredentialSource}.");
        var client = _pool.Get(resolved);
        ExchangeCaptureHandler.Begin(); // read back by ResponseMapper.Metadata in map below
        AttemptReporter.Use(log);
        TSdk response;
        try
        {
            response = await call(client, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var mapped = ErrorMapper.Map(ex, operation, target ?? where, where, SecretsOf(resolved));
            if (mapped.ErrorId == ErrorIds.RequestTimedOut && !cancellationToken.IsCancellationRequested)
                // The SDK's standard retry mode makes 3 attempts: say so, and how to wait less.
                mapped = new StsToolsException(mapped.ErrorId, mapped.Category,
                    $"{operation} did not complete: {where} did not answer within {resolved.Timeout.TotalSeconds:0.#} s, in each of up to 3 attempts " +
                    "(the AWS SDK's standard retry mode, with back-off between them; AWS_MAX_ATTEMPTS or max_attempts changes the count). Check the endpoint and the network; -TimeoutSeconds " +
                    "or STSMODULE_TIMEOUT_SECONDS sets the time per attempt.", mapped.TargetObject, ex);
            log?.Debug($"{operation} failed: {mapped.ErrorId} ({mapped.Category}).");
            throw mapped;
        }
        TResult result;
        try
        {
            result = map(response);
        }
        catch (Exception ex) when (ex is NullReferenceException or ArgumentNullException or InvalidOperationException or FormatException)
        {
            throw NotAnAnswer();
        }
        if (result is ICredentialsResponse { Credentials: var given } && (given is null || string.IsNullOrEmpty(given.AccessKeyId) || string.IsNullOrEmpty(given.SecretAccessKey)))
            throw NotAnAnswer();
        log?.Debug($"{operation} succeeded: HTTP {(int)response.HttpStatusCode}, request id {response.ResponseMetadata?.RequestId}.");
        return result;

        StsToolsException NotAnAnswer()
        {
            // A 200 answer without the parts every answer of the operation has (another service, a
            // proxy's page, a hostile endpoint): the endpoint's fault, said as such.
            return new StsToolsException(ErrorIds.InvalidResponse, StsErrorCategory.ProtocolError,
                $"{operation} failed: {where} answered HTTP {(int)response.HttpStatusCode} without the parts of an STS {operation} answer; is it an STS endpoint?", target ?? where);
        }
    }

    private static string[] SecretsOf(ResolvedConnection resolved)
    {
        try
        {
            var c = resolved.Credentials?.GetCredentials();
            return c is null ? new string[0] : new[] { c.SecretKey, c.Token };
        }
        catch (Exception)
        {
            return new string[0]; // credentials that cannot even be read have nothing to redact
        }
    }

    /// <summary>Disposes the pooled SDK clients.</summary>
    public void Dispose() => _pool.Dispose();
}
