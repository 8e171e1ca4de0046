using System;
using System.Linq;
using System.Threading.Tasks;
using StsTools.Requests;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Engine;

/// <summary>Each operation against a real moto_server, checked the way a user reads the result.</summary>
[Collection(MotoCollection.Name)]
public sealed class RoundTripTests
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/ops/DeployRole";
    private readonly MotoServer _moto;

    public RoundTripTests(MotoServer moto) => _moto = moto;

    [Fact]
    public async Task AssumeRole_returns_credentials_user_and_metadata()
    {
        using var sts = Connections.IsolatedService();
        var before = DateTime.UtcNow;
        var r = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = RoleArn, RoleSessionName = "deploy-1", DurationSeconds = 1800 }, Connections.To(_moto.Endpoint));

        Assert.StartsWith("ASIA", r.Credentials.AccessKeyId);
        Assert.False(string.IsNullOrEmpty(r.Credentials.SecretAccessKey));
        Assert.False(string.IsNullOrEmpty(r.Credentials.SessionToken));
        Assert.Equal(DateTimeKind.Local, r.Credentials.Expiration.Kind);
        Assert.InRange(r.Credentials.Expiration.ToUniversalTime(), before.AddSeconds(1800 - 60), before.AddSeconds(1800 + 60));
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/DeployRole/deploy-1", r.AssumedRoleUser.Arn);
        Assert.EndsWith(":deploy-1", r.AssumedRoleUser.AssumedRoleId);
        Assert.Equal(200, r.ResponseMetadata.HTTPStatusCode);
        Assert.False(string.IsNullOrEmpty(r.ResponseMetadata.RequestId));
        Assert.Equal(r.ResponseMetadata.RequestId, r.ResponseMetadata.HTTPHeaders["x-amzn-requestid"]);
        Assert.Equal("text/xml", r.ResponseMetadata.HTTPHeaders["Content-Type"]);
        Assert.Equal(0, r.ResponseMetadata.RetryAttempts);
    }

    [Fact]
    public async Task Concurrent_calls_each_get_the_metadata_of_their_own_exchange()
    {
        using var sts = Connections.IsolatedService();
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = RoleArn, RoleSessionName = "parallel-" + i }, Connections.To(_moto.Endpoint)))));
        Assert.Equal(16, results.Select(r => r.ResponseMetadata.RequestId).Distinct().Count());
        Assert.All(results, r => Assert.Equal(r.ResponseMetadata.RequestId, r.ResponseMetadata.HTTPHeaders["x-amzn-requestid"]));
    }

    [Fact]
    public async Task AssumeRole_without_session_name_uses_a_valid_default()
    {
        using var sts = Connections.IsolatedService();
        var r = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = RoleArn }, Connections.To(_moto.Endpoint));
        var sessionName = r.AssumedRoleUser.Arn.Substring(r.AssumedRoleUser.Arn.LastIndexOf('/') + 1);
        Assert.StartsWith("StsModule-", sessionName);
        Assert.Matches("^[A-Za-z0-9_+=,.@-]{2,64}$", sessionName);
    }

    [Fact]
    public async Task GetSessionToken_returns_credentials_for_the_requested_duration()
    {
        using var sts = Connections.IsolatedService();
        var before = DateTime.UtcNow;
        var r = await sts.GetSessionTokenAsync(new GetSessionTokenRequest { DurationSeconds = 7200 }, Connections.To(_moto.Endpoint));
        Assert.False(string.IsNullOrEmpty(r.Credentials.AccessKeyId));
        Assert.False(string.IsNullOrEmpty(r.Credentials.SessionToken));
        Assert.InRange(r.Credentials.Expiration.ToUniversalTime(), before.AddSeconds(7200 - 60), before.AddSeconds(7200 + 60));
        Assert.Equal(200, r.ResponseMetadata.HTTPStatusCode);
    }

    [Fact]
    public async Task GetCallerIdentity_reports_the_account()
    {
        using var sts = Connections.IsolatedService();
        var r = await sts.GetCallerIdentityAsync(Connections.To(_moto.Endpoint));
        Assert.Equal(MotoServer.AccountId, r.Account);
        Assert.StartsWith("arn:aws:", r.Arn);
        Assert.False(string.IsNullOrEmpty(r.UserId));
        Assert.False(string.IsNullOrEmpty(r.ResponseMetadata.RequestId));
    }

    [Fact]
    public async Task Credentials_from_AssumeRole_identify_as_the_assumed_role()
    {
        using var sts = Connections.IsolatedService();
        var role = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = RoleArn, RoleSessionName = "chained" }, Connections.To(_moto.Endpoint));
        var who = await sts.GetCallerIdentityAsync(Connections.With(_moto.Endpoint, role.Credentials));
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/DeployRole/chained", who.Arn);
        Assert.EndsWith(":chained", who.UserId);
    }

    [Fact]
    public async Task Clients_are_reused_per_source_credentials()
    {
        using var sts = Connections.IsolatedService();
        await sts.GetCallerIdentityAsync(Connections.To(_moto.Endpoint));
        await sts.GetCallerIdentityAsync(Connections.To(_moto.Endpoint));
        Assert.Equal(1, sts.ClientsCreated);
        var other = Connections.To(_moto.Endpoint);
        other.SecretKey = "another-secret-for-the-same-key-id";
        await sts.GetCallerIdentityAsync(other);
        Assert.Equal(2, sts.ClientsCreated);
    }
}
