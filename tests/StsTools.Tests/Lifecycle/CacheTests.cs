using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using StsTools.Caching;
using StsTools.Errors;
using StsTools.Requests;
using StsTools.Service;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Lifecycle;

/// <summary>Cached session tokens and role sessions, counted by what reached moto.</summary>
[Collection(MotoCollection.Name)]
public sealed class CacheTests : IDisposable
{
    private const string Role = "arn:aws:iam::123456789012:role/Cached";
    private readonly MotoServer _moto;
    private readonly LoopbackStsServer _proxy;
    private readonly string _dir = Path.Combine(TestEnvironment.Sandbox, "cache-" + Guid.NewGuid().ToString("n"));
    private string Entries => Path.Combine(_dir, StsTools.Caching.CredentialCache.EntriesFolder);

    public CacheTests(MotoServer moto)
    {
        _moto = moto;
        _proxy = LoopbackStsServer.ForwardingTo(moto.Endpoint);
    }

    public void Dispose() => _proxy.Dispose();

    private int Calls(string action) => _proxy.Requests.Count(r => r.Action == action);

    private StsService Service(bool disk)
    {
        var sts = Connections.IsolatedService();
        sts.CacheOptions = new CacheOptions { DiskEnabled = disk, Directory = _dir };
        return sts;
    }

    [Fact]
    public async Task A_role_session_is_fetched_once_and_served_from_memory()
    {
        using var sts = Service(disk: false);
        var first = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "m1" }, Connections.To(_proxy.Endpoint));
        var second = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "m1" }, Connections.To(_proxy.Endpoint));
        Assert.Same(first, second);
        Assert.Equal(1, Calls("AssumeRole"));
        var forced = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "m1" }, Connections.To(_proxy.Endpoint), forceRefresh: true);
        Assert.NotEqual(first.Credentials.AccessKeyId, forced.Credentials.AccessKeyId);
        Assert.Equal(2, Calls("AssumeRole"));
    }

    [Fact]
    public async Task Different_keys_do_not_share_entries()
    {
        using var sts = Service(disk: false);
        await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "k1" }, Connections.To(_proxy.Endpoint));
        await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "k2" }, Connections.To(_proxy.Endpoint));
        await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "k1", ExternalId = "partner-1" }, Connections.To(_proxy.Endpoint));
        await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "k1" }, Connections.To(_proxy.Endpoint, "eu-west-1"));
        var otherSource = Connections.To(_proxy.Endpoint);
        otherSource.AccessKey = "AKIDOTHERSOURCE00001";
        await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "k1" }, otherSource);
        Assert.Equal(5, Calls("AssumeRole"));
    }

    [Fact]
    public async Task An_entry_inside_the_refresh_window_is_refetched()
    {
        using var sts = Service(disk: false);
        // moto's sessions last DurationSeconds; a window longer than that makes every entry stale.
        sts.CacheOptions = new CacheOptions { RefreshWindow = TimeSpan.FromSeconds(901) };
        await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "w1", DurationSeconds = 900 }, Connections.To(_proxy.Endpoint));
        await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "w1", DurationSeconds = 900 }, Connections.To(_proxy.Endpoint));
        Assert.Equal(2, Calls("AssumeRole"));
    }

    [Fact]
    public async Task An_MFA_session_is_reused_without_the_code_and_a_new_one_needs_it()
    {
        using var sts = Service(disk: false);
        const string serial = "arn:aws:iam::123456789012:mfa/alice";
        await sts.GetSessionTokenAsync(new GetSessionTokenRequest { SerialNumber = serial, TokenCode = "123456" }, Connections.To(_proxy.Endpoint));
        var again = await sts.GetSessionTokenAsync(new GetSessionTokenRequest { SerialNumber = serial }, Connections.To(_proxy.Endpoint));
        Assert.False(string.IsNullOrEmpty(again.Credentials.SessionToken));
        Assert.Equal(1, Calls("GetSessionToken"));
        var ex = await Assert.ThrowsAsync<StsValidationException>(() => sts.GetSessionTokenAsync(new GetSessionTokenRequest { SerialNumber = serial }, Connections.To(_proxy.Endpoint), forceRefresh: true));
        Assert.Equal("SerialNumberWithoutTokenCode", ex.ErrorId);
        Assert.Equal(1, Calls("GetSessionToken"));
    }

    [Fact]
    public async Task The_disk_cache_serves_a_second_process_owner_only()
    {
        using (var first = Service(disk: true))
            await first.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "d1" }, Connections.To(_proxy.Endpoint));
        using var second = Service(disk: true);
        var fromDisk = await second.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "d1" }, Connections.To(_proxy.Endpoint));
        Assert.Equal(1, Calls("AssumeRole"));
        Assert.Equal(DateTimeKind.Local, fromDisk.Credentials.Expiration.Kind);
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/Cached/d1", fromDisk.AssumedRoleUser.Arn);
        var entry = Assert.Single(Directory.GetFiles(Entries, "*.json"));
        Permissions.AssertOwnerOnly(entry);
        Permissions.AssertOwnerOnly(Entries);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("")]
    [InlineData("{\"Version\":1,\"Operation\":\"AssumeRole\",\"Key\":\"someone-else\",\"Response\":{\"Credentials\":{\"AccessKeyId\":\"ASIAFOREIGN\",\"SecretAccessKey\":\"x\",\"SessionToken\":\"y\",\"Expiration\":\"2099-01-01T00:00:00Z\"}}}")]
    [InlineData("{\"Version\":99}")]
    [InlineData("[1,2,3]")]
    public async Task A_corrupt_or_foreign_entry_is_a_miss_and_is_replaced(string garbage)
    {
        using (var first = Service(disk: true))
            await first.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "c1" }, Connections.To(_proxy.Endpoint));
        var entry = Assert.Single(Directory.GetFiles(Entries, "*.json"));
        File.WriteAllText(entry, garbage);
        using var second = Service(disk: true);
        var fresh = await second.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "c1" }, Connections.To(_proxy.Endpoint));
        Assert.StartsWith("ASIA", fresh.Credentials.AccessKeyId);
        Assert.NotEqual("ASIAFOREIGN", fresh.Credentials.AccessKeyId);
        Assert.Equal(2, Calls("AssumeRole"));
        Assert.Contains(fresh.Credentials.AccessKeyId, File.ReadAllText(entry));
    }

    [Fact]
    public async Task Clear_forgets_memory_and_disk()
    {
        using var sts = Service(disk: true);
        await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "x1" }, Connections.To(_proxy.Endpoint));
        Assert.Equal(1, sts.ClearCache());
        Assert.Empty(Directory.GetFiles(Entries, "*.json"));
        await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "x1" }, Connections.To(_proxy.Endpoint));
        Assert.Equal(2, Calls("AssumeRole"));
    }

    [Fact]
    public async Task Clear_deletes_only_the_files_the_module_names_and_leaves_a_shared_folder_as_it_was()
    {
        // A project folder chosen as the cache folder, already holding files of its own.
        Directory.CreateDirectory(_dir);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_dir, (UnixFileMode)Convert.ToInt32("1777", 8));
        File.WriteAllText(Path.Combine(_dir, "package.json"), "{}");
        File.WriteAllText(Path.Combine(_dir, "tsconfig.json"), "{}");
        using var sts = Service(disk: true);
        await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "own1" }, Connections.To(_proxy.Endpoint));
        if (!OperatingSystem.IsWindows()) Assert.Equal((UnixFileMode)Convert.ToInt32("1777", 8), File.GetUnixFileMode(_dir)); // never chmod'ed
        Permissions.AssertOwnerOnly(Entries);
        // What a writer killed half-way leaves, and a file of someone else's in the module's folder.
        var stray = Path.Combine(Entries, "." + new string('a', 64) + ".json." + new string('b', 32) + ".tmp");
        File.WriteAllText(stray, "{\"secret\":\"left behind\"}");
        File.WriteAllText(Path.Combine(Entries, "notes.json"), "{}");

        Assert.Equal(1, sts.ClearCache());

        Assert.True(File.Exists(Path.Combine(_dir, "package.json")));
        Assert.True(File.Exists(Path.Combine(_dir, "tsconfig.json")));
        Assert.True(File.Exists(Path.Combine(Entries, "notes.json")));
        Assert.False(File.Exists(stray));
        Assert.Equal(new[] { "notes.json" }, Directory.GetFiles(Entries).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_module_folder_that_is_a_link_is_refused()
    {
        if (OperatingSystem.IsWindows()) return; // symbolic links need privileges there
        var elsewhere = Path.Combine(TestEnvironment.Sandbox, "elsewhere-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(elsewhere);
        Directory.CreateDirectory(_dir);
        Directory.CreateSymbolicLink(Entries, elsewhere);
        using var sts = Service(disk: true);
        var ex = await Assert.ThrowsAsync<StsToolsException>(() => sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "link1" }, Connections.To(_proxy.Endpoint)));
        Assert.Equal("CacheDirectoryNotPrivate", ex.ErrorId);
        Assert.Empty(Directory.GetFiles(elsewhere));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_folder_of_another_user_is_refused(bool moduleFolder)
    {
        // Needs root to give a folder away (CI runs as root); elsewhere the owner check still runs on every use.
        if (OperatingSystem.IsWindows() || Environment.UserName != "root") return;
        var target = moduleFolder ? Entries : _dir;
        Directory.CreateDirectory(target);
        Assert.Equal(0, Chown(target, 65534, 65534)); // nobody
        using var sts = Service(disk: true);
        var ex = await Assert.ThrowsAsync<StsToolsException>(() => sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "owner1" }, Connections.To(_proxy.Endpoint)));
        Assert.Equal("CacheDirectoryNotPrivate", ex.ErrorId);
        Assert.Contains("another user", ex.Message);
        Assert.Equal(0, Calls("AssumeRole")); // refused before the call: nothing to cache where it cannot be kept
    }

    [Fact]
    public async Task Without_a_home_folder_the_disk_cache_stays_in_memory_and_says_so()
    {
        var fetches = 0;
        var log = new StsTools.Tests.Engine.ListLog();
        var cache = new CredentialCache(new CacheOptions { DiskEnabled = true, Directory = string.Empty });
        Task<Model.GetSessionTokenResponse> Fetch()
        {
            fetches++;
            return Task.FromResult(new Model.GetSessionTokenResponse { Credentials = new Model.Credentials { AccessKeyId = "ASIANOHOME000001", SecretAccessKey = "s", Expiration = DateTime.UtcNow.AddHours(1) } });
        }
        await cache.GetOrFetchAsync("GetSessionToken", "k", false, Fetch, log, default);
        await cache.GetOrFetchAsync("GetSessionToken", "k", false, Fetch, log, default);
        Assert.Equal(1, fetches);
        Assert.Contains(log.Lines, l => l.Contains("no home folder"));
        Assert.Equal(0, cache.Clear());
    }

    public static TheoryData<string> TamperedEntries => new()
    {
        "expiry", // a session that claims to last until 2099
        "role",   // another account's role, under this request's key
        "mode",   // a file others may read and write
        "owner",  // a file of another user's (needs root to give it away)
    };

    [Theory]
    [MemberData(nameof(TamperedEntries))]
    public async Task A_tampered_entry_is_a_miss(string tampering)
    {
        if (OperatingSystem.IsWindows()) return; // modes and owners: Unix; the folder's ACL guards it on Windows
        if (tampering == "owner" && Environment.UserName != "root") return;
        using (var first = Service(disk: true))
            await first.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "t1" }, Connections.To(_proxy.Endpoint));
        var entry = Assert.Single(Directory.GetFiles(Entries, "*.json"));
        var text = File.ReadAllText(entry);
        switch (tampering)
        {
            case "expiry":
                text = System.Text.RegularExpressions.Regex.Replace(text, "\"Expiration\":\"[^\"]+\"", "\"Expiration\":\"2099-01-01T00:00:00Z\"");
                File.WriteAllText(entry, text);
                break;
            case "role":
                File.WriteAllText(entry, text.Replace("arn:aws:sts::123456789012:assumed-role/Cached/t1", "arn:aws:sts::999999999999:assumed-role/Admin/t1"));
                break;
            case "mode":
                File.SetUnixFileMode(entry, (UnixFileMode)Convert.ToInt32("666", 8));
                break;
            default:
                Assert.Equal(0, Chown(entry, 65534, 65534));
                break;
        }
        using var second = Service(disk: true);
        var served = await second.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "t1" }, Connections.To(_proxy.Endpoint));
        Assert.Equal(2, Calls("AssumeRole")); // asked STS again
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/Cached/t1", served.AssumedRoleUser.Arn);
        Assert.True(served.Credentials.Expiration.ToUniversalTime() < DateTime.UtcNow.AddHours(13));
    }

    [Fact]
    public async Task A_wrong_secret_with_the_right_key_id_is_not_served_the_cached_session()
    {
        using var sts = Service(disk: true);
        await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "s1" }, Connections.To(_proxy.Endpoint));
        var wrong = Connections.To(_proxy.Endpoint);
        wrong.SecretKey = "not-the-secret-of-this-key";
        await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "s1" }, wrong);
        Assert.Equal(2, Calls("AssumeRole")); // the second secret went to STS (moto does not check it here)
        Assert.Equal(2, Directory.GetFiles(Entries, "*.json").Length);
    }

    [Fact]
    public async Task A_cached_session_is_served_only_if_it_lasts_as_long_as_asked()
    {
        using var sts = Service(disk: false);
        var hour = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "dur1", DurationSeconds = 3600 }, Connections.To(_proxy.Endpoint));
        var longer = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "dur1", DurationSeconds = 43200 }, Connections.To(_proxy.Endpoint));
        Assert.Equal(2, Calls("AssumeRole")); // the one-hour session does not do for twelve hours
        Assert.NotEqual(hour.Credentials.AccessKeyId, longer.Credentials.AccessKeyId);
        Assert.True(longer.Credentials.Expiration.ToUniversalTime() > DateTime.UtcNow.AddHours(11.9));
        var again = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "dur1", DurationSeconds = 43200 }, Connections.To(_proxy.Endpoint));
        var unspecified = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "dur1" }, Connections.To(_proxy.Endpoint));
        var shorter = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "dur1", DurationSeconds = 900 }, Connections.To(_proxy.Endpoint));
        Assert.Equal(2, Calls("AssumeRole")); // the twelve-hour session does for all of these
        Assert.Same(longer, again);
        Assert.Same(longer, unspecified);
        Assert.Same(longer, shorter);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    private static extern int Chown(string path, int owner, int group);

    [Fact]
    public void Options_come_from_the_environment()
    {
        var env = new StsTools.Env.DictionaryEnvironmentVariables();
        env.Set(CacheOptions.DiskCacheVariable, "1");
        env.Set(CacheOptions.DirectoryVariable, "/tmp/x");
        env.Set(CacheOptions.RefreshWindowVariable, "600");
        var options = CacheOptions.FromEnvironment(env.Get);
        Assert.True(options.DiskEnabled);
        Assert.Equal("/tmp/x", options.Directory);
        Assert.Equal(TimeSpan.FromMinutes(10), options.RefreshWindow);
        Assert.False(CacheOptions.FromEnvironment(new StsTools.Env.DictionaryEnvironmentVariables().Get).DiskEnabled);
    }

    [Fact]
    public async Task Eight_processes_at_once_make_exactly_one_STS_call()
    {
        var runs = Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() => TestProcess.Run("assume", _proxy.Endpoint, _dir, Role)))
            .ToArray();
        var results = await Task.WhenAll(runs);
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.StdErr));
        Assert.Single(results.Select(r => r.StdOut).Distinct());
        Assert.StartsWith("ASIA", results[0].StdOut);
        Assert.Equal(1, Calls("AssumeRole"));
    }
}
