using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using StsTools.Env;
using StsTools.Errors;
using StsTools.Model;
using StsTools.Profiles;
using StsTools.Requests;
using StsTools.Service;
using StsTools.Storage;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Lifecycle;

/// <summary>Role profiles as the AWS CLI reads them; profiles and credential_process files boto3 reads back.</summary>
[Collection(MotoCollection.Name)]
public sealed class ProfileTests : IDisposable
{
    private readonly MotoServer _moto;
    private readonly LoopbackStsServer _proxy;
    private readonly string _dir = Path.Combine(TestEnvironment.Sandbox, "aws-" + Guid.NewGuid().ToString("n"));
    private readonly DictionaryEnvironmentVariables _env;

    public ProfileTests(MotoServer moto)
    {
        _moto = moto;
        _proxy = LoopbackStsServer.ForwardingTo(moto.Endpoint);
        Directory.CreateDirectory(_dir);
        _env = new DictionaryEnvironmentVariables(new Dictionary<string, string>
        {
            ["AWS_CONFIG_FILE"] = Path.Combine(_dir, "config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(_dir, "credentials"),
        });
    }

    public void Dispose() => _proxy.Dispose();

    private string CredentialsFile => Path.Combine(_dir, "credentials");

    private void WriteConfig(string config, string credentials)
    {
        File.WriteAllText(Path.Combine(_dir, "config"), config);
        File.WriteAllText(CredentialsFile, credentials);
    }

    [Fact]
    public void Tab_completion_lists_every_profile_of_both_files_and_no_other_section()
    {
        // A region-only profile, a role profile, an SSO profile whose session is missing (the
        // SDK's profile store then lists nothing at all), and sections that are not profiles.
        WriteConfig(
            "[default]\nregion = eu-west-1\n[profile region-only]\nregion = eu-west-1\n[profile role]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = base\n" +
            "[profile sso]\nsso_session = missing\nsso_account_id = 123456789012\nsso_role_name = R\n[sso-session other]\nsso_region = us-east-1\n[services local]\nsts =\n  endpoint_url = http://127.0.0.1:1\n",
            "[base]\naws_access_key_id = AKIDBASEPROFILE00001\naws_secret_access_key = base-secret\n[default]\naws_access_key_id = AKIDBASEPROFILE00002\naws_secret_access_key = s\n");
        Assert.Equal(new[] { "base", "default", "region-only", "role", "sso" }, StsTools.Input.ProfileNames.List(_env));
    }

    [Fact]
    public void Tab_completion_lists_nothing_when_the_files_are_missing()
    {
        var env = new DictionaryEnvironmentVariables(new Dictionary<string, string>
        {
            ["AWS_CONFIG_FILE"] = Path.Combine(_dir, "no-config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(_dir, "no-credentials"),
        });
        Assert.Empty(StsTools.Input.ProfileNames.List(env));
    }

    [Fact]
    public async Task A_role_profile_is_followed_like_the_AWS_CLI()
    {
        WriteConfig(
            "[profile prod]\nrole_arn = arn:aws:iam::123456789012:role/Prod\nsource_profile = base\nexternal_id = ext-123\nrole_session_name = prod-session\nduration_seconds = 1800\nregion = eu-west-1\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\n",
            "[base]\naws_access_key_id = AKIDBASEPROFILE00001\naws_secret_access_key = base-secret\n");
        using var sts = new StsService(_env);
        var r = await sts.AssumeRoleFromProfileAsync("prod", new AssumeRoleRequest { TokenCode = "123456" }, new ConnectionOptionsBuilder(_proxy.Endpoint).Build());
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/Prod/prod-session", r.AssumedRoleUser.Arn);
        // One MFA session for the source and device (as aws-vault), then the role with it.
        var calls = _proxy.Requests.ToArray();
        Assert.Equal(new[] { "GetSessionToken", "AssumeRole" }, calls.Select(c => c.Action));
        Assert.Equal("arn:aws:iam::123456789012:mfa/alice", calls[0].Form["SerialNumber"]);
        Assert.Equal("123456", calls[0].Form["TokenCode"]);
        Assert.Equal("43200", calls[0].Form["DurationSeconds"]);
        Assert.Contains("Credential=AKIDBASEPROFILE00001/", calls[0].Headers["Authorization"]);
        var sent = calls[1];
        Assert.Equal("ext-123", sent.Form["ExternalId"]);
        Assert.Equal("1800", sent.Form["DurationSeconds"]);
        Assert.False(sent.Form.ContainsKey("SerialNumber"), "the MFA session is the proof; no serial or code on AssumeRole");
        Assert.DoesNotContain("Credential=AKIDBASEPROFILE00001/", sent.Headers["Authorization"]);
        Assert.Contains("/eu-west-1/sts/", sent.Headers["Authorization"]);
        Assert.Equal("arn:aws:iam::123456789012:mfa/alice", StsTools.Profiles.RoleProfile.Find("prod", sts.Environment)?.MfaSerial);
    }

    [Fact]
    public async Task A_chain_of_role_profiles_goes_through_the_same_endpoint()
    {
        WriteConfig(
            "[profile hub]\nrole_arn = arn:aws:iam::123456789012:role/Hub\nsource_profile = base\nrole_session_name = hop1\n[profile spoke]\nrole_arn = arn:aws:iam::123456789012:role/Spoke\nsource_profile = hub\nrole_session_name = hop2\n",
            "[base]\naws_access_key_id = AKIDBASEPROFILE00002\naws_secret_access_key = base-secret\n");
        using var sts = new StsService(_env);
        var r = await sts.AssumeRoleFromProfileAsync("spoke", new AssumeRoleRequest(), new ConnectionOptionsBuilder(_proxy.Endpoint).Build());
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/Spoke/hop2", r.AssumedRoleUser.Arn);
        var calls = _proxy.Requests.ToArray();
        Assert.Equal(2, calls.Length);
        Assert.Equal("arn:aws:iam::123456789012:role/Hub", calls[0].Form["RoleArn"]);
        Assert.Contains("Credential=AKIDBASEPROFILE00002/", calls[0].Headers["Authorization"]);
        Assert.Equal("arn:aws:iam::123456789012:role/Spoke", calls[1].Form["RoleArn"]);
        Assert.Contains("Credential=ASIA", calls[1].Headers["Authorization"]);
    }

    [Fact]
    public async Task A_source_profile_cycle_is_a_clear_error()
    {
        WriteConfig("[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::123456789012:role/B\nsource_profile = a\n", "");
        using var sts = new StsService(_env);
        var ex = await Assert.ThrowsAsync<StsToolsException>(() => sts.AssumeRoleFromProfileAsync("a", new AssumeRoleRequest(), new ConnectionOptionsBuilder(_proxy.Endpoint).Build()));
        Assert.Equal("ProfileChainTooDeep", ex.ErrorId);
        Assert.Empty(_proxy.Requests);
    }

    [Fact]
    public async Task A_role_profile_needing_MFA_without_a_code_asks_for_it_before_calling()
    {
        WriteConfig("[profile mfa]\nrole_arn = arn:aws:iam::123456789012:role/Mfa\nsource_profile = mfa\nmfa_serial = arn:aws:iam::123456789012:mfa/bob\n",
                    "[mfa]\naws_access_key_id = AKIDSELFSOURCED00001\naws_secret_access_key = s\n");
        using var sts = new StsService(_env);
        var ex = await Assert.ThrowsAsync<StsValidationException>(() => sts.AssumeRoleFromProfileAsync("mfa", new AssumeRoleRequest(), new ConnectionOptionsBuilder(_proxy.Endpoint).Build()));
        Assert.Equal("SerialNumberWithoutTokenCode", ex.ErrorId);
        Assert.Equal("arn:aws:iam::123456789012:mfa/bob", ex.TargetObject);
        Assert.Empty(_proxy.Requests);
    }

    [Fact]
    public async Task Credential_source_Environment_signs_with_the_key_variables()
    {
        WriteConfig("[profile envsrc]\nrole_arn = arn:aws:iam::123456789012:role/FromEnv\ncredential_source = Environment\n", "");
        _env.Set("AWS_ACCESS_KEY_ID", "AKIDFROMENVSOURCE001");
        _env.Set("AWS_SECRET_ACCESS_KEY", "env-secret");
        using var sts = new StsService(_env);
        await sts.AssumeRoleFromProfileAsync("envsrc", new AssumeRoleRequest { RoleSessionName = "e1" }, new ConnectionOptionsBuilder(_proxy.Endpoint).Build());
        Assert.Contains("Credential=AKIDFROMENVSOURCE001/", Assert.Single(_proxy.Requests).Headers["Authorization"]);
    }

    [Theory]
    [InlineData("[profile plain]\nregion = us-east-1\n", "plain", "NotARoleProfile")]
    [InlineData("[profile both]\nrole_arn = arn:aws:iam::123456789012:role/X\nsource_profile = a\ncredential_source = Environment\n", "both", "InvalidProfile")]
    [InlineData("[profile bad]\nrole_arn = arn:aws:iam::123456789012:role/X\nsource_profile = a\nduration_seconds = soon\n", "bad", "InvalidProfile")]
    [InlineData("[profile lost]\nrole_arn = arn:aws:iam::123456789012:role/X\nsource_profile = lost\n", "lost", "ProfileNotFound")]
    public async Task Broken_profiles_are_clear_errors(string config, string profile, string errorId)
    {
        WriteConfig(config, "");
        using var sts = new StsService(_env);
        var ex = await Assert.ThrowsAnyAsync<StsToolsException>(() => sts.AssumeRoleFromProfileAsync(profile, new AssumeRoleRequest(), new ConnectionOptionsBuilder(_proxy.Endpoint).Build()));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Empty(_proxy.Requests);
    }

    [Fact]
    public async Task SetProfile_keeps_every_other_profile_and_comment()
    {
        const string original = "# my keys\n[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = d ; inline\n\n[target]\n# keep me\nregion = us-west-2\naws_session_token = stale\n\n[after]\nx = 1\n";
        File.WriteAllText(CredentialsFile, original);
        var creds = new Credentials { AccessKeyId = "ASIANEWVALUE0001", SecretAccessKey = "new-secret", SessionToken = "new-token" };
        await CredentialsFileWriter.SetProfileAsync("target", creds, _env);
        var text = File.ReadAllText(CredentialsFile);
        Assert.Equal("# my keys\n[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = d ; inline\n\n[target]\n# keep me\nregion = us-west-2\naws_session_token = new-token\naws_access_key_id = ASIANEWVALUE0001\naws_secret_access_key = new-secret\n\n[after]\nx = 1\n", text);
        Permissions.AssertOwnerOnly(CredentialsFile);

        await CredentialsFileWriter.SetProfileAsync("target", new Credentials { AccessKeyId = "AKIALONGTERM0001", SecretAccessKey = "lt" }, _env);
        var values = IniDocument.Load(CredentialsFile).Get("target")!;
        Assert.False(values.ContainsKey("aws_session_token"));
        Assert.Equal("AKIALONGTERM0001", values["aws_access_key_id"]);
        await CredentialsFileWriter.SetProfileAsync("brand-new", creds, _env);
        Assert.Equal("ASIANEWVALUE0001", IniDocument.Load(CredentialsFile).Get("brand-new")!["aws_access_key_id"]);
        Assert.Equal("AKIDDEFAULT", IniDocument.Load(CredentialsFile).Get("default")!["aws_access_key_id"]);
    }

    [Fact]
    public async Task Boto3_reads_a_profile_written_by_SetProfile_and_gets_the_assumed_identity()
    {
        using var sts = Connections.IsolatedService();
        var role = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = "arn:aws:iam::123456789012:role/Written", RoleSessionName = "via-profile" }, Connections.To(_moto.Endpoint));
        File.WriteAllText(CredentialsFile, "[other]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = o\n");
        await CredentialsFileWriter.SetProfileAsync("written", role.Credentials, _env);
        var (code, stdout, stderr) = ChildProcess.Run(Tools.Python, new[] { "-c", BotoWhoAmI("written"), _moto.Endpoint }, BotoEnvironment());
        Assert.True(code == 0, stderr);
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/Written/via-profile", stdout);
    }

    [Fact]
    public async Task Boto3_uses_a_credential_process_profile_that_cats_an_exported_file()
    {
        using var sts = Connections.IsolatedService();
        var role = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = "arn:aws:iam::123456789012:role/Process", RoleSessionName = "via-process" }, Connections.To(_moto.Endpoint));
        var exported = Path.Combine(_dir, "exported.json");
        CredentialFile.Save(exported, role.Credentials, CredentialFileFormat.CredentialProcess);
        var reader = OperatingSystem.IsWindows() ? $"cmd /c type \"{exported}\"" : $"cat {exported}";
        File.WriteAllText(Path.Combine(_dir, "config"), $"[profile cp]\ncredential_process = {reader}\n");
        File.WriteAllText(CredentialsFile, "");
        var (code, stdout, stderr) = ChildProcess.Run(Tools.Python, new[] { "-c", BotoWhoAmI("cp"), _moto.Endpoint }, BotoEnvironment());
        Assert.True(code == 0, stderr);
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/Process/via-process", stdout);
    }

    private static string BotoWhoAmI(string profile) =>
        $"import sys, boto3\nprint(boto3.Session(profile_name='{profile}', region_name='us-east-1').client('sts', endpoint_url=sys.argv[1]).get_caller_identity()['Arn'])";

    private Dictionary<string, string?> BotoEnvironment() => new()
    {
        ["AWS_CONFIG_FILE"] = Path.Combine(_dir, "config"),
        ["AWS_SHARED_CREDENTIALS_FILE"] = CredentialsFile,
        ["AWS_ACCESS_KEY_ID"] = null, ["AWS_SECRET_ACCESS_KEY"] = null, ["AWS_SESSION_TOKEN"] = null, ["AWS_PROFILE"] = null,
    };

    /// <summary>Region and endpoint only: the profile supplies the credentials.</summary>
    private sealed class ConnectionOptionsBuilder
    {
        private readonly string _endpoint;
        public ConnectionOptionsBuilder(string endpoint) => _endpoint = endpoint;
        public StsTools.Connection.ConnectionOptions Build() => new() { EndpointUrl = _endpoint };
    }
}
