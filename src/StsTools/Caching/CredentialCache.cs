using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using StsTools.Model;
using StsTools.Service;
using StsTools.Storage;

namespace StsTools.Caching;

/// <summary>
/// Keeps credential responses per key until they come within the refresh window of expiry:
/// in memory for the session and, when enabled, on disk for every process of the user.
/// One STS call per key per lifetime even with many processes: the fetch happens under a
/// per-key file lock, and whoever gets the lock second finds the first one's entry.
/// A corrupt, foreign or stale entry is a miss and is replaced, never an error.
/// </summary>
internal sealed class CredentialCache
{
    private const int EntryVersion = 1;
    private readonly ConcurrentDictionary<string, object> _memory = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _inProcess = new(StringComparer.Ordinal);

    public CredentialCache(CacheOptions options) => Options = options;

    public CacheOptions Options { get; set; }

    /// <param name="operation">The STS operation, which bounds how long an entry may claim to last.</param>
    /// <param name="key">Everything the response depends on (hashed for the entry's name).</param>
    /// <param name="force">Fetch even when an entry would do.</param>
    /// <param name="fetch">The STS call.</param>
    /// <param name="log">Verbose messages.</param>
    /// <param name="cancellationToken">Stops waiting for the lock or the call.</param>
    /// <param name="accept">What a cached entry must also satisfy to be served (the requested duration; on disk, the request's role and session).</param>
    public async Task<T> GetOrFetchAsync<T>(string operation, string key, bool force, Func<Task<T>> fetch, IStsLog? log, CancellationToken cancellationToken, Func<T, bool>? accept = null)
        where T : class, ICredentialsResponse
    {
        var hash = Hash(operation + "\n" + key);
        if (!force && _memory.TryGetValue(hash, out var remembered) && remembered is T hit && Fresh(hit) && (accept is null || accept(hit)))
        {
            log?.Verbose($"{operation}: using cached credentials (valid until {hit.Credentials.Expiration.ToUniversalTime():u}).");
            return hit;
        }

        // One fetch per key inside this process; the file lock below extends that to other processes.
        var gate = _inProcess.GetOrAdd(hash, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!force && _memory.TryGetValue(hash, out remembered) && remembered is T again && Fresh(again) && (accept is null || accept(again))) return again;
            var disk = Options.DiskEnabled && !string.IsNullOrEmpty(Options.Directory);
            if (Options.DiskEnabled && !disk)
                log?.Verbose($"{operation}: the disk cache is on but has no folder (there is no home folder): caching in memory only. Set {CacheOptions.DirectoryVariable} or Set-StsCacheOption -Directory.");
            var result = disk
                ? await FromDiskOrFetchAsync(operation, hash, force, fetch, log, cancellationToken, accept).ConfigureAwait(false)
                : await fetch().ConfigureAwait(false);
            _memory[hash] = result;
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The module's own folder inside the configured one, where entries live.</summary>
    public const string EntriesFolder = "sessions";

    // What the module names its files: entries and their locks by key hash, and the temp files an
    // atomic write (or a writer killed half-way) leaves beside an entry.
    private static readonly Regex OwnFile = new(@"^(?:[0-9a-f]{64}\.(?:json|lock)|\.[0-9a-f]{64}\.json\.[0-9a-f]{32}\.tmp)$", RegexOptions.CultureInvariant);

    /// <summary>
    /// Forgets every entry, in memory and on disk; returns how many disk entries were removed.
    /// Only files named as the module names them are deleted (entries, locks, temp files, also
    /// those a killed writer left), and only in the module's own folder: never anything else a
    /// configured folder holds.
    /// </summary>
    public int Clear()
    {
        _memory.Clear();
        var removed = 0;
        foreach (var file in OwnFiles())
            if (TryDelete(file) && file.EndsWith(".json", StringComparison.Ordinal)) removed++;
        return removed;
    }

    /// <summary>
    /// Forgets the entries of <paramref name="operation"/> that <paramref name="match"/> selects,
    /// in memory and on disk (the role credentials of an IAM Identity Center sign-in that ended);
    /// returns how many disk entries were removed. Entries it cannot read are left alone.
    /// </summary>
    public int Remove<T>(string operation, Func<T, bool> match) where T : class, ICredentialsResponse
    {
        foreach (var pair in _memory)
            if (pair.Value is T value && match(value)) _memory.TryRemove(pair.Key, out _);
        var removed = 0;
        foreach (var file in OwnFiles())
        {
            // Entries only (hash.json), not their locks or a killed writer's temp files.
            var name = Path.GetFileName(file);
            if (name[0] == '.' || !name.EndsWith(".json", StringComparison.Ordinal)) continue;
            if (TryRead<T>(file, operation, name.Substring(0, name.Length - ".json".Length), out var entry) && match(entry) && TryDelete(file)) removed++;
        }
        return removed;
    }

    // The files of the module's own entries folder named as the module names them (never anything
    // else a configured folder holds, nor a folder that is a link).
    private IEnumerable<string> OwnFiles()
    {
        if (string.IsNullOrEmpty(Options.Directory)) return Array.Empty<string>();
        var entries = Path.Combine(Options.Directory, EntriesFolder);
        if (!Directory.Exists(entries) || (File.GetAttributes(entries) & FileAttributes.ReparsePoint) != 0) return Array.Empty<string>();
        return Directory.GetFiles(entries).Where(file => OwnFile.IsMatch(Path.GetFileName(file)));
    }

    private static bool TryDelete(string file)
    {
        try
        {
            File.Delete(file);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private async Task<T> FromDiskOrFetchAsync<T>(string operation, string hash, bool force, Func<Task<T>> fetch, IStsLog? log, CancellationToken cancellationToken, Func<T, bool>? accept)
        where T : class, ICredentialsResponse
    {
        // Never the configured folder itself: a folder of the module's own inside it, checked.
        var directory = PrivateDirectory.Ensure(Options.Directory, EntriesFolder);
        var entryPath = Path.Combine(directory, hash + ".json");
        using (await FileLock.AcquireAsync(Path.Combine(directory, hash + ".lock"), Options.LockTimeout, cancellationToken, log).ConfigureAwait(false))
        {
            if (!force && TryRead<T>(entryPath, operation, hash, out var cached) && Fresh(cached) && (accept is null || accept(cached)))
            {
                log?.Verbose($"{operation}: using credentials from the disk cache (valid until {cached.Credentials.Expiration.ToUniversalTime():u}).");
                return cached;
            }
            var fresh = await fetch().ConfigureAwait(false);
            var entry = new CacheEntry<T> { Version = EntryVersion, Operation = operation, Key = hash, Response = fresh };
            AtomicFile.WriteAllText(entryPath, JsonSerializer.Serialize(entry, TypeInfo<T>()), ownerOnly: true);
            return fresh;
        }
    }

    private static bool TryRead<T>(string path, string operation, string hash, out T value) where T : class, ICredentialsResponse
    {
        value = null!;
        try
        {
            if (!File.Exists(path)) return false;
            // Only a file of this user's that no one else could have written (or read).
            if (!PrivateDirectory.IsPrivateFile(path)) return false;
            var entry = CacheEntryReader.Read<T>(BoundedFile.ReadAllBytes(path, BoundedFile.CacheEntryLimit, "cache entry"));
            var response = entry?.Response;
            if (entry is null || entry.Version != EntryVersion || entry.Operation != operation || entry.Key != hash || response?.Credentials is null) return false;
            var c = response.Credentials;
            if (string.IsNullOrEmpty(c.AccessKeyId) || string.IsNullOrEmpty(c.SecretAccessKey) || c.Expiration == default) return false;
            // No STS session lasts longer than its operation allows: an entry that claims to was
            // not written by this module (an edited expiry of 2099).
            if (c.Expiration.ToUniversalTime() > DateTime.UtcNow + MaxLifetime(operation)) return false;
            value = response;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException or InvalidOperationException or Errors.StsToolsException)
        {
            return false; // a corrupt or unreadable entry is a miss; the fetch below replaces it
        }
    }

    // The longest session each cached operation can return (AssumeRole: 12 hours; GetSessionToken:
    // 36 hours), plus five minutes for the clocks of STS and this machine.
    private static TimeSpan MaxLifetime(string operation) =>
        TimeSpan.FromSeconds(operation == "AssumeRole" ? 43200 : 129600) + TimeSpan.FromMinutes(5);

    private bool Fresh(ICredentialsResponse response) => CredentialChecks.IsValidFor(response.Credentials, Options.RefreshWindow);

    private static string Hash(string text) => KeyHash.Hex(text);

    // Source-generated metadata for writing entries (System.Text.Json's reflection warm-up is
    // costly: bench/README.md); reading is CacheEntryReader's, for the same reason.
    private static JsonTypeInfo<CacheEntry<T>> TypeInfo<T>() where T : class, ICredentialsResponse =>
        (JsonTypeInfo<CacheEntry<T>>)(CacheJsonContext.Default.GetTypeInfo(typeof(CacheEntry<T>))
            ?? throw new NotSupportedException("No cache metadata for " + typeof(T).Name));
}

/// <summary>One cache file.</summary>
internal sealed class CacheEntry<T>
{
    public int Version { get; set; }
    public string Operation { get; set; } = string.Empty;
    public string Key { get; set; } = string.Empty;
    public T? Response { get; set; }
}

/// <summary>
/// The cached operations' requests (their cache keys) and responses (the disk entries), for the
/// System.Text.Json source generator: to cache another operation, list its two types here.
/// </summary>
[JsonSourceGenerationOptions(Converters = new[] { typeof(UtcDateTimeConverter) })]
[JsonSerializable(typeof(CacheEntry<AssumeRoleResponse>))]
[JsonSerializable(typeof(CacheEntry<GetSessionTokenResponse>))]
[JsonSerializable(typeof(CacheEntry<SsoRoleCredentials>))]
[JsonSerializable(typeof(Requests.AssumeRoleRequest))]
[JsonSerializable(typeof(Requests.GetSessionTokenRequest))]
internal sealed partial class CacheJsonContext : JsonSerializerContext
{
}

/// <summary>
/// Writes every instant as UTC with a Z suffix: the model holds local times (for PowerShell's
/// date arithmetic), but a cache entry is shared by processes that may run in other time zones.
/// </summary>
internal sealed class UtcDateTimeConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TryGetDateTime(out var value) ? value : throw new JsonException("Not an ISO 8601 date and time.");

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value == default ? value : value.ToUniversalTime());
}
