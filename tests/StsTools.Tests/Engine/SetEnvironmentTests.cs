using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using StsTools.Connection;
using StsTools.Env;
using StsTools.Model;
using StsTools.Requests;
using StsTools.Service;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Engine;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process-environment";
}

/// <summary>
/// -SetEnvironment changes the real process environment; a third-party client started afterwards
/// (python3 + boto3, as the AWS CLI would be) must act as the new identity.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class SetEnvironmentTests : IClassFixture<MotoServer>
{
    private const string BotoWhoAmI =
        "import sys, boto3\nprint(boto3.client('sts', endpoint_url=sys.argv[1]).get_caller_identity()['Arn'])";
    private static readonly string[] Touched =
    {
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_CREDENTIAL_EXPIRATION",
        "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
    };
    private readonly MotoServer _moto;

    public SetEnvironmentTests(MotoServer moto) => _moto = moto;

    [Fact]
    public async Task Boto3_in_a_child_process_acts_as_the_assumed_role()
    {
        var saved = Touched.ToDictionary(n => n, System.Environment.GetEnvironmentVariable);
        try
        {
            // A profile that does not exist would make boto3 fail outright: it must be dealt with.
            System.Environment.SetEnvironmentVariable("AWS_PROFILE", "profile-that-is-gone");
            var sts = new StsService(ProcessEnvironmentVariables.Instance);
            var role = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = "arn:aws:iam::123456789012:role/EnvRole", RoleSessionName = "env-check" }, Connections.To(_moto.Endpoint));

            var before = ChildProcess.Run(Tools.Python, new[] { "-c", BotoWhoAmI, _moto.Endpoint });
            Assert.NotEqual(0, before.ExitCode); // the stale AWS_PROFILE really does break a third-party client

            var changes = sts.SetEnvironment(role.Credentials, "eu-west-1");

            var after = ChildProcess.Run(Tools.Python, new[] { "-c", BotoWhoAmI, _moto.Endpoint });
            Assert.True(after.ExitCode == 0, after.StdErr);
            Assert.Equal("arn:aws:sts::123456789012:assumed-role/EnvRole/env-check", after.StdOut);

            Assert.Equal(role.Credentials.AccessKeyId, System.Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"));
            Assert.Equal("eu-west-1", System.Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION"));
            Assert.Null(System.Environment.GetEnvironmentVariable("AWS_PROFILE"));
            Assert.Contains(changes, c => c.Name == "AWS_PROFILE" && c.Removed);

            // The module's own next call (no credential parameters) also acts as the role.
            var next = await sts.GetCallerIdentityAsync(new ConnectionOptions { EndpointUrl = _moto.Endpoint });
            Assert.Equal(role.AssumedRoleUser.Arn, next.Arn);
        }
        finally
        {
            foreach (var kv in saved) System.Environment.SetEnvironmentVariable(kv.Key, kv.Value);
        }
    }
}

/// <summary>What Apply writes, on an in-memory environment.</summary>
public sealed class CredentialEnvironmentTests
{
    private static readonly Credentials Creds = new()
    {
        AccessKeyId = "ASIAENVTEST00001", SecretAccessKey = "SECRET-VALUE", SessionToken = "TOKEN-VALUE",
        Expiration = new DateTime(2030, 5, 6, 7, 8, 9, DateTimeKind.Utc),
    };

    [Fact]
    public void Sets_keys_token_expiry_and_region_and_removes_shadowing_profiles()
    {
        var env = new DictionaryEnvironmentVariables(new Dictionary<string, string> { ["AWS_PROFILE"] = "dev", ["AWS_DEFAULT_PROFILE"] = "old", ["AWS_SECURITY_TOKEN"] = "stale" });
        var changes = CredentialEnvironment.Apply(env, Creds, "ap-south-1");

        Assert.Equal("ASIAENVTEST00001", env.Get("AWS_ACCESS_KEY_ID"));
        Assert.Equal("SECRET-VALUE", env.Get("AWS_SECRET_ACCESS_KEY"));
        Assert.Equal("TOKEN-VALUE", env.Get("AWS_SESSION_TOKEN"));
        Assert.Equal("TOKEN-VALUE", env.Get("AWS_SECURITY_TOKEN"));
        Assert.Equal("2030-05-06T07:08:09Z", env.Get("AWS_CREDENTIAL_EXPIRATION"));
        Assert.Equal("ap-south-1", env.Get("AWS_REGION"));
        Assert.Equal("ap-south-1", env.Get("AWS_DEFAULT_REGION"));
        Assert.Null(env.Get("AWS_PROFILE"));
        Assert.Null(env.Get("AWS_DEFAULT_PROFILE"));
        Assert.Contains("Removed AWS_PROFILE (was 'dev')", changes.Select(c => c.ToString()));
        Assert.All(changes, c => Assert.DoesNotContain("SECRET-VALUE", c.ToString()));
        Assert.All(changes, c => Assert.DoesNotContain("TOKEN-VALUE", c.ToString()));
    }

    [Fact]
    public void Leaves_region_alone_when_none_is_given()
    {
        var env = new DictionaryEnvironmentVariables(new Dictionary<string, string> { ["AWS_REGION"] = "us-west-2" });
        CredentialEnvironment.Apply(env, Creds, null);
        Assert.Equal("us-west-2", env.Get("AWS_REGION"));
        Assert.Null(env.Get("AWS_DEFAULT_REGION"));
    }

    [Fact]
    public void Long_term_keys_clear_any_old_session_token()
    {
        var env = new DictionaryEnvironmentVariables(new Dictionary<string, string> { ["AWS_SESSION_TOKEN"] = "old", ["AWS_SECURITY_TOKEN"] = "old" });
        CredentialEnvironment.Apply(env, new Credentials { AccessKeyId = "AKIALONGTERMKEY1", SecretAccessKey = "s" }, null);
        Assert.Null(env.Get("AWS_SESSION_TOKEN"));
        Assert.Null(env.Get("AWS_SECURITY_TOKEN"));
        Assert.Null(env.Get("AWS_CREDENTIAL_EXPIRATION"));
    }
}

/// <summary>Which source credentials and region the engine picks when the caller names none.</summary>
public sealed class ResolutionOrderTests : IDisposable
{
    private readonly LoopbackStsServer _server = LoopbackStsServer.Answering(200,
        "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/x</Arn><UserId>AIDA</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>");

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Environment_keys_and_region_are_used_when_no_parameter_names_any()
    {
        var env = new DictionaryEnvironmentVariables(new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIAFROMENVIRONMENT", ["AWS_SECRET_ACCESS_KEY"] = "s", ["AWS_DEFAULT_REGION"] = "ca-central-1",
        });
        using var sts = new StsService(env);
        var log = new ListLog();
        var r = await sts.GetCallerIdentityAsync(new ConnectionOptions { EndpointUrl = _server.Endpoint }, log);
        Assert.Equal("123456789012", r.Account);
        var auth = Assert.Single(_server.Requests).Headers["Authorization"];
        Assert.Contains("Credential=AKIAFROMENVIRONMENT/", auth);
        Assert.Contains("/ca-central-1/sts/", auth);
        Assert.Contains(log.Lines, l => l.Contains("environment variables") && l.Contains("AKIA…MENT"));
    }

    [Fact]
    public async Task Explicit_region_beats_the_environment()
    {
        var env = new DictionaryEnvironmentVariables(new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "AKIAX", ["AWS_SECRET_ACCESS_KEY"] = "s", ["AWS_REGION"] = "ca-central-1" });
        using var sts = new StsService(env);
        await sts.GetCallerIdentityAsync(new ConnectionOptions { EndpointUrl = _server.Endpoint, Region = "eu-north-1" });
        Assert.Contains("/eu-north-1/sts/", Assert.Single(_server.Requests).Headers["Authorization"]);
    }
}

internal sealed class ListLog : IStsLog
{
    public void Progress(string activity, string status, bool completed = false) { lock (Lines) Lines.Add((completed ? "PROGRESS DONE: " : "PROGRESS: ") + status); }

    public List<string> Lines { get; } = new();
    public void Verbose(string message) { lock (Lines) Lines.Add(message); }
    public void Debug(string message) { lock (Lines) Lines.Add(message); }
    public void Warning(string message) { lock (Lines) Lines.Add("WARNING: " + message); }
}
