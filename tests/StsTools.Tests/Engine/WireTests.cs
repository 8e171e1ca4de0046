using System.Linq;
using System.Threading.Tasks;
using StsTools.Model;
using StsTools.Requests;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Engine;

/// <summary>What the engine puts on the wire, recorded by a loopback proxy in front of moto.</summary>
[Collection(MotoCollection.Name)]
public sealed class WireTests
{
    private readonly MotoServer _moto;

    public WireTests(MotoServer moto) => _moto = moto;

    [Fact]
    public async Task AssumeRole_sends_every_field()
    {
        using var proxy = LoopbackStsServer.ForwardingTo(_moto.Endpoint);
        using var sts = Connections.IsolatedService();
        var request = new AssumeRoleRequest
        {
            RoleArn = "arn:aws:iam::123456789012:role/Wire",
            RoleSessionName = "wire-check",
            PolicyArns = { new PolicyDescriptorType("arn:aws:iam::aws:policy/ReadOnlyAccess"), new PolicyDescriptorType("arn:aws:iam::123456789012:policy/Extra") },
            Policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}",
            DurationSeconds = 3600,
            Tags = { new Tag("Project", "Apollo"), new Tag("Cost Center", "42") },
            TransitiveTagKeys = { "Project" },
            ExternalId = "partner-7:x",
            SerialNumber = "arn:aws:iam::123456789012:mfa/alice",
            TokenCode = "123456",
            SourceIdentity = "alice@example.com",
            ProvidedContexts = { new ProvidedContext { ProviderArn = "arn:aws:iam::aws:contextProvider/IdentityCenter", ContextAssertion = "signed-assertion" } },
        };

        var response = await sts.AssumeRoleAsync(request, Connections.To(proxy.Endpoint));

        Assert.Equal("arn:aws:sts::123456789012:assumed-role/Wire/wire-check", response.AssumedRoleUser.Arn);
        var form = Assert.Single(proxy.Requests).Form;
        Assert.Equal("AssumeRole", form["Action"]);
        Assert.Equal("arn:aws:iam::123456789012:role/Wire", form["RoleArn"]);
        Assert.Equal("wire-check", form["RoleSessionName"]);
        Assert.Equal("arn:aws:iam::aws:policy/ReadOnlyAccess", form["PolicyArns.member.1.arn"]);
        Assert.Equal("arn:aws:iam::123456789012:policy/Extra", form["PolicyArns.member.2.arn"]);
        Assert.Equal(request.Policy, form["Policy"]);
        Assert.Equal("3600", form["DurationSeconds"]);
        Assert.Equal("Project", form["Tags.member.1.Key"]);
        Assert.Equal("Apollo", form["Tags.member.1.Value"]);
        Assert.Equal("Cost Center", form["Tags.member.2.Key"]);
        Assert.Equal("Project", form["TransitiveTagKeys.member.1"]);
        Assert.Equal("partner-7:x", form["ExternalId"]);
        Assert.Equal("arn:aws:iam::123456789012:mfa/alice", form["SerialNumber"]);
        Assert.Equal("123456", form["TokenCode"]);
        Assert.Equal("alice@example.com", form["SourceIdentity"]);
        Assert.Equal("arn:aws:iam::aws:contextProvider/IdentityCenter", form["ProvidedContexts.member.1.ProviderArn"]);
        Assert.Equal("signed-assertion", form["ProvidedContexts.member.1.ContextAssertion"]);
    }

    [Fact]
    public async Task AssumeRole_sends_no_optional_field_it_was_not_given()
    {
        using var proxy = LoopbackStsServer.ForwardingTo(_moto.Endpoint);
        using var sts = Connections.IsolatedService();
        await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = "arn:aws:iam::123456789012:role/Wire", RoleSessionName = "min" }, Connections.To(proxy.Endpoint));
        var keys = Assert.Single(proxy.Requests).Form.Keys.OrderBy(k => k).ToArray();
        Assert.Equal(new[] { "Action", "RoleArn", "RoleSessionName", "Version" }, keys);
    }

    [Fact]
    public async Task GetSessionToken_sends_duration_and_mfa()
    {
        using var proxy = LoopbackStsServer.ForwardingTo(_moto.Endpoint);
        using var sts = Connections.IsolatedService();
        await sts.GetSessionTokenAsync(new GetSessionTokenRequest { DurationSeconds = 129600, SerialNumber = "GAHT12345678", TokenCode = "654321" }, Connections.To(proxy.Endpoint));
        var form = Assert.Single(proxy.Requests).Form;
        Assert.Equal("GetSessionToken", form["Action"]);
        Assert.Equal("129600", form["DurationSeconds"]);
        Assert.Equal("GAHT12345678", form["SerialNumber"]);
        Assert.Equal("654321", form["TokenCode"]);
    }

    [Fact]
    public async Task Requests_are_signed_with_the_given_key_and_session_token()
    {
        using var proxy = LoopbackStsServer.ForwardingTo(_moto.Endpoint);
        using var sts = Connections.IsolatedService();
        var creds = new Credentials { AccessKeyId = "ASIAEXAMPLECHAINED01", SecretAccessKey = "s", SessionToken = "token-abc", Expiration = System.DateTime.UtcNow.AddHours(1) };
        await sts.GetCallerIdentityAsync(Connections.With(proxy.Endpoint, creds));
        var recorded = Assert.Single(proxy.Requests);
        Assert.Contains("Credential=ASIAEXAMPLECHAINED01/", recorded.Headers["Authorization"]);
        Assert.Contains("/us-east-1/sts/aws4_request", recorded.Headers["Authorization"]);
        Assert.Equal("token-abc", recorded.Headers["X-Amz-Security-Token"]);
    }
}
