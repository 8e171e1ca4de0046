using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using StsTools.Env;
using StsTools.Errors;
using StsTools.Model;
using StsTools.Profiles;
using StsTools.Storage;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Reliability;

/// <summary>
/// Credential values are checked before they are written anywhere and when they are read from a
/// file (the line-injection review finding), and files holding secrets are never, not for a
/// moment, readable by anyone but their owner.
/// </summary>
public sealed class CredentialValueTests
{
    private const string Injection = "FwoGZXIvYXdzEJr//////////\n[default]\ncredential_process = sh -c 'touch /tmp/ststools-pwned'";

    private static Credentials Good() => new()
    {
        AccessKeyId = "ASIAVALUETEST000001", SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", SessionToken = "FwoGZXIvYXdzEJr//////////wEaDExample+/=",
        Expiration = new DateTime(2031, 2, 3, 4, 5, 6, DateTimeKind.Utc),
    };

    public static TheoryData<string, string, string> BadValues => new()
    {
        { "AccessKeyId", "ASIA\nVALUETEST0001", "AccessKeyId" },
        { "AccessKeyId", "asiavaluetest000001", "AccessKeyId" },
        { "AccessKeyId", "ASIASHORT", "AccessKeyId" },
        { "SecretAccessKey", "secret\r\n[x]", "SecretAccessKey" },
        { "SecretAccessKey", "secret\0nul", "SecretAccessKey" },
        { "SessionToken", Injection, "SessionToken" },
        { "SessionToken", "token\u00e9", "SessionToken" },
    };

    private static Credentials With(string field, string value)
    {
        var c = Good();
        switch (field)
        {
            case "AccessKeyId": c.AccessKeyId = value; break;
            case "SecretAccessKey": c.SecretAccessKey = value; break;
            default: c.SessionToken = value; break;
        }
        return c;
    }

    private static void AssertRejected(Action write, string field, Credentials bad)
    {
        var ex = Assert.Throws<StsValidationException>(write);
        Assert.Equal("InvalidCredentialValue", ex.ErrorId);
        Assert.Equal(field, ex.ParameterName);
        Assert.Equal(StsErrorCategory.InvalidData, ex.Category);
        // The message names the field, never the value.
        if (bad.SecretAccessKey.Length > 0) Assert.DoesNotContain(bad.SecretAccessKey, ex.Message);
        if (bad.SessionToken.Length > 0) Assert.DoesNotContain(bad.SessionToken, ex.Message);
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_value_is_written_nowhere(string field, string value, string expectedField)
    {
        var bad = With(field, value);
        var dir = Path.Combine(TestEnvironment.Sandbox, "values-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(dir);
        var credentialsFile = Path.Combine(dir, "credentials");
        const string before = "[base]\naws_access_key_id = AKIDBASEPROFILE00001\naws_secret_access_key = base-secret\n";
        File.WriteAllText(credentialsFile, before);
        var env = new DictionaryEnvironmentVariables(new Dictionary<string, string> { ["AWS_SHARED_CREDENTIALS_FILE"] = credentialsFile, ["AWS_ACCESS_KEY_ID"] = "AKIAUNCHANGED0000001" });

        var profile = await Assert.ThrowsAsync<StsValidationException>(() => CredentialsFileWriter.SetProfileAsync("written", bad, env));
        Assert.Equal("InvalidCredentialValue", profile.ErrorId);
        Assert.Equal(expectedField, profile.ParameterName);
        Assert.Equal(before, File.ReadAllText(credentialsFile));

        AssertRejected(() => CredentialEnvironment.Apply(env, bad, "eu-west-1"), expectedField, bad);
        Assert.Equal("AKIAUNCHANGED0000001", env.Get("AWS_ACCESS_KEY_ID"));
        Assert.Null(env.Get("AWS_SESSION_TOKEN"));

        var exported = Path.Combine(dir, "exported.json");
        AssertRejected(() => CredentialFile.Save(exported, bad, CredentialFileFormat.Json), expectedField, bad);
        Assert.False(File.Exists(exported));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
        AssertRejected(() => CredentialFile.Serialize(bad, CredentialFileFormat.CredentialProcess), expectedField, bad);
    }

    [Fact]
    public void A_file_holding_an_injected_token_is_not_read()
    {
        // What a JSON file can carry that the review turned into a credential_process line.
        var json = "{\"AccessKeyId\":\"ASIAVALUETEST000001\",\"SecretAccessKey\":\"s\",\"SessionToken\":\"" + Injection.Replace("\n", "\\n").Replace("'", "\\u0027") + "\"}";
        var ex = Assert.Throws<StsToolsException>(() => CredentialFile.Parse(json, "tampered.json"));
        Assert.Equal("InvalidCredentialFile", ex.ErrorId);
        Assert.Contains("SessionToken", ex.Message);
        Assert.DoesNotContain("credential_process", ex.Message);
    }

    [Fact]
    public void Well_formed_values_pass_everywhere_and_round_trip()
    {
        var good = Good();
        Assert.Null(CredentialValues.Problem(good));
        var path = Path.Combine(TestEnvironment.Sandbox, "values-" + Guid.NewGuid().ToString("n"), "good.json");
        CredentialFile.Save(path, good, CredentialFileFormat.Json);
        var back = CredentialFile.Load(path);
        Assert.Equal(good.SessionToken, back.SessionToken);
        Assert.Equal(good.SecretAccessKey, back.SecretAccessKey);
        // Long-term keys: no token at all.
        Assert.Null(CredentialValues.Problem(new Credentials { AccessKeyId = "AKIAVALUETEST0000001", SecretAccessKey = "x" }));
    }

    /// <summary>
    /// A watcher lists the folder as fast as it can while 300 exports run, and stats every file it
    /// sees there (the temp files included): none may ever have a group or other permission bit,
    /// which is what another local user would need to open it. Created and then chmod'ed, as
    /// before, the temp file had the umask's mode for a moment.
    /// </summary>
    [Fact]
    public async Task No_export_is_ever_readable_by_others_not_even_for_a_moment()
    {
        if (OperatingSystem.IsWindows()) return; // ACLs: the Windows workflow's Pester tests
        await Race();
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static async Task Race()
    {
        var dir = Path.Combine(TestEnvironment.Sandbox, "race-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(dir);
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        var seen = new ConcurrentBag<string>();
        var exposed = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var watcher = Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var file in Directory.EnumerateFiles(dir))
                {
                    try
                    {
                        var mode = File.GetUnixFileMode(file);
                        seen.Add(Path.GetFileName(file));
                        if ((mode & others) != 0) exposed.Add($"{Path.GetFileName(file)} {mode}");
                    }
                    catch (IOException) { } // renamed away meanwhile
                    catch (UnauthorizedAccessException) { }
                }
            }
        }, TaskCreationOptions.LongRunning);
        for (var i = 0; i < 300; i++) CredentialFile.Save(Path.Combine(dir, "export.json"), Good(), CredentialFileFormat.Json);
        stop.Cancel();
        await watcher;
        Assert.Empty(exposed);
        Assert.Contains(seen, n => n.EndsWith(".tmp", StringComparison.Ordinal)); // the watcher did see temp files in flight
        Permissions.AssertOwnerOnly(Path.Combine(dir, "export.json"));
    }
}
