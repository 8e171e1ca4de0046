using System;
using System.IO;
using StsTools.Errors;
using StsTools.Model;
using StsTools.Storage;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Lifecycle;

/// <summary>Export/Import: boto's save/load, plus the AWS credential_process format.</summary>
public sealed class CredentialFileTests
{
    private static readonly Credentials Sample = new()
    {
        AccessKeyId = "ASIAFILETEST0000001", SecretAccessKey = "file-secret-value", SessionToken = "file-session-token",
        Expiration = new DateTime(2031, 2, 3, 4, 5, 6, DateTimeKind.Utc),
    };

    private static string NewPath() => Path.Combine(TestEnvironment.Sandbox, "creds-" + Guid.NewGuid().ToString("n"), "saved.json");

    [Theory]
    [InlineData(CredentialFileFormat.Json)]
    [InlineData(CredentialFileFormat.CredentialProcess)]
    public void Save_then_load_round_trips_exactly_and_owner_only(CredentialFileFormat format)
    {
        var path = NewPath();
        CredentialFile.Save(path, Sample, format);
        Permissions.AssertOwnerOnly(path);
        var loaded = CredentialFile.Load(path);
        Assert.Equal(Sample.AccessKeyId, loaded.AccessKeyId);
        Assert.Equal(Sample.SecretAccessKey, loaded.SecretAccessKey);
        Assert.Equal(Sample.SessionToken, loaded.SessionToken);
        Assert.Equal(Sample.Expiration, loaded.Expiration);
        Assert.Equal(DateTimeKind.Local, loaded.Expiration.Kind);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void The_credential_process_format_is_what_AWS_SDKs_expect()
    {
        var json = CredentialFile.Serialize(Sample, CredentialFileFormat.CredentialProcess);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(1, doc.RootElement.GetProperty("Version").GetInt32());
        Assert.Equal("2031-02-03T04:05:06Z", doc.RootElement.GetProperty("Expiration").GetString());
        Assert.Equal(Sample.SessionToken, doc.RootElement.GetProperty("SessionToken").GetString());
    }

    [Theory]
    [InlineData("{\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"B\",\"Expira")]
    [InlineData("")]
    [InlineData("{\"SecretAccessKey\":\"B\"}")]
    [InlineData("{\"AccessKeyId\":\"A\"}")]
    [InlineData("{\"AccessKeyId\":42,\"SecretAccessKey\":\"B\"}")]
    [InlineData("{\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"B\",\"Expiration\":\"next tuesday\"}")]
    [InlineData("{\"Version\":2,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"B\"}")]
    [InlineData("[\"AccessKeyId\"]")]
    public void A_truncated_or_tampered_file_is_a_clear_error(string content)
    {
        var path = NewPath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        var ex = Assert.Throws<StsToolsException>(() => CredentialFile.Load(path));
        Assert.Equal("InvalidCredentialFile", ex.ErrorId);
        Assert.Equal(StsErrorCategory.InvalidData, ex.Category);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void A_missing_file_is_object_not_found()
    {
        var ex = Assert.Throws<StsToolsException>(() => CredentialFile.Load(NewPath()));
        Assert.Equal("CredentialFileNotFound", ex.ErrorId);
        Assert.Equal(StsErrorCategory.ObjectNotFound, ex.Category);
    }

    [Fact]
    public void Overwriting_keeps_owner_only_permissions()
    {
        var path = NewPath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "old, world-readable");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);
        CredentialFile.Save(path, Sample, CredentialFileFormat.Json);
        Permissions.AssertOwnerOnly(path);
        Assert.Equal(Sample.AccessKeyId, CredentialFile.Load(path).AccessKeyId);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(299, true)]
    [InlineData(301, false)]
    public void IsValidFor_is_botos_is_expired_with_an_offset(int withinSeconds, bool valid)
    {
        var now = new DateTime(2030, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        var credentials = new Credentials { AccessKeyId = "A", SecretAccessKey = "B", Expiration = now.AddSeconds(300) };
        Assert.Equal(valid, CredentialChecks.IsValidFor(credentials, TimeSpan.FromSeconds(withinSeconds), now));
        Assert.True(CredentialChecks.IsValidFor(new Credentials { AccessKeyId = "AKIA", SecretAccessKey = "long-term" }, TimeSpan.FromDays(3650), now));
    }
}
