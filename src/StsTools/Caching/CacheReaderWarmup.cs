using System;
using System.Text.Json;
using System.Threading.Tasks;
using StsTools.Env;
using StsTools.Model;

namespace StsTools.Caching;

/// <summary>
/// Pays the disk-cache reader's first-use cost on a thread-pool thread, so that a session's first
/// cache hit does not. Why: System.Text.Json's reader JIT-compiles its vectorised string search the
/// first time it reads a string (the framework's own ReadyToRun image leaves that code to the JIT,
/// as it depends on the machine's vector width), which with the reader's other first-use work is
/// most of the 2 ms budget for the whole hit (figures: bench/README.md). The module starts it at import when the
/// environment opts in to the disk cache (<c>STSMODULE_DISK_CACHE</c>), and Set-StsCacheOption when
/// a session turns the disk cache on; it reads built-in sample entries (no file, no network), once
/// per process, and never fails the session.
/// </summary>
public static class CacheReaderWarmup
{
    private static readonly Lazy<Task> Started = new(() => Task.Run(() => Run()));

    /// <summary>Starts the warm-up once per process when <paramref name="env"/> turns the disk cache on; the running or finished warm-up, or null when it is off.</summary>
    public static Task? StartIfEnabled(IEnvironmentVariables env) =>
        CacheOptions.FromEnvironment(env.Get).DiskEnabled ? Start() : null;

    /// <summary>Starts the warm-up once per process; later calls return the same task.</summary>
    public static Task Start() => Started.Value;

    /// <summary>Reads each sample entry as a hit would; false if one did not read (the next hit then pays the cost itself).</summary>
    internal static bool Run()
    {
        try
        {
            // The hit's first step, the cache key of the request (the contracts of the request types).
            var role = new Requests.AssumeRoleRequest { RoleArn = "arn:aws:iam::123456789012:role/WarmUp", Tags = { new Tag("k", "v") }, PolicyArns = { new PolicyDescriptorType("arn:aws:iam::aws:policy/ReadOnlyAccess") } };
            var keysMade = RequestKey.Of(role, Array.Empty<string>()).Length > 0 && RequestKey.Of(new Requests.GetSessionTokenRequest(), Array.Empty<string>()).Length > 0;
            return keysMade
                && CacheEntryReader.Read<AssumeRoleResponse>(AssumeRoleSample).Response?.Credentials is not null
                && CacheEntryReader.Read<GetSessionTokenResponse>(SessionTokenSample).Response?.Credentials is not null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    // Written in the writer's exact format (escaped '+', fractional seconds, headers, nulls): a test
    // checks that the writer produces these bytes from what the reader makes of them, so every path
    // a real entry takes through the reader is warmed. The values are made up and grant nothing.
    internal static ReadOnlySpan<byte> AssumeRoleSample =>
        """{"Version":1,"Operation":"AssumeRole","Key":"0000000000000000000000000000000000000000000000000000000000000000","Response":{"Credentials":{"AccessKeyId":"ASIAWARMUPSAMPLE0000","SecretAccessKey":"warm\u002Bup/sample","SessionToken":"warm\u002Bup/sample=","Expiration":"2026-01-01T00:00:00.1234567Z"},"AssumedRoleUser":{"AssumedRoleId":"AROAWARMUPSAMPLE0000:warm-up","Arn":"arn:aws:sts::123456789012:assumed-role/WarmUp/warm-up"},"PackedPolicySize":6,"SourceIdentity":null,"ResponseMetadata":{"RequestId":"00000000-0000-0000-0000-000000000000","HTTPStatusCode":200,"HTTPHeaders":{"content-type":"text/xml"},"RetryAttempts":0,"HostId":null}}}"""u8;

    internal static ReadOnlySpan<byte> SessionTokenSample =>
        """{"Version":1,"Operation":"GetSessionToken","Key":"0000000000000000000000000000000000000000000000000000000000000000","Response":{"Credentials":{"AccessKeyId":"ASIAWARMUPSAMPLE0000","SecretAccessKey":"warm\u002Bup/sample","SessionToken":"warm\u002Bup/sample=","Expiration":"2026-01-01T00:00:00Z"},"ResponseMetadata":{"RequestId":"00000000-0000-0000-0000-000000000000","HTTPStatusCode":200,"HTTPHeaders":{"content-type":"text/xml"},"RetryAttempts":0,"HostId":null}}}"""u8;
}
