using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using StsTools.Connection;
using StsTools.Env;
using StsTools.Errors;
using StsTools.Model;
using StsTools.Requests;
using StsTools.Service;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Engine;

/// <summary>AssumeRoleWithSAML, AssumeRoleWithWebIdentity, GetFederationToken and GetAccessKeyInfo against moto.</summary>
[Collection(MotoCollection.Name)]
public sealed class MotoOperationsTests
{
    private const string SamlRole = "arn:aws:iam::123456789012:role/SamlRole";
    private readonly MotoServer _moto;

    public MotoOperationsTests(MotoServer moto) => _moto = moto;

    /// <summary>Unsigned calls: region and endpoint only.</summary>
    private ConnectionOptions Anonymous => new() { EndpointUrl = _moto.Endpoint, Region = "us-east-1" };

    [Fact]
    public async Task AssumeRoleWithSaml_parses_a_real_assertion_and_sends_no_signature()
    {
        using var proxy = LoopbackStsServer.ForwardingTo(_moto.Endpoint);
        using var sts = Connections.IsolatedService();
        var r = await sts.AssumeRoleWithSamlAsync(new AssumeRoleWithSAMLRequest
        {
            RoleArn = SamlRole,
            PrincipalArn = SamlAssertionBuilder.ProviderArn,
            SAMLAssertion = SamlAssertionBuilder.Base64(SamlRole, "alice@example.com"),
            PolicyArns = { new PolicyDescriptorType("arn:aws:iam::aws:policy/ReadOnlyAccess") },
            DurationSeconds = 1800,
        }, new ConnectionOptions { EndpointUrl = proxy.Endpoint, Region = "us-east-1" });

        Assert.Equal("arn:aws:sts::123456789012:assumed-role/SamlRole/alice@example.com", r.AssumedRoleUser.Arn);
        Assert.StartsWith("ASIA", r.Credentials.AccessKeyId);
        Assert.Equal(200, r.ResponseMetadata.HTTPStatusCode);
        var sent = Assert.Single(proxy.Requests);
        Assert.Equal("AssumeRoleWithSAML", sent.Action);
        Assert.Equal(SamlAssertionBuilder.ProviderArn, sent.Form["PrincipalArn"]);
        Assert.Equal("arn:aws:iam::aws:policy/ReadOnlyAccess", sent.Form["PolicyArns.member.1.arn"]);
        Assert.False(sent.Headers.ContainsKey("Authorization"), "AssumeRoleWithSAML must be unsigned");
    }

    [Fact]
    public async Task AssumeRoleWithSaml_accepts_raw_xml_and_the_caller_can_then_identify()
    {
        using var sts = Connections.IsolatedService();
        var r = await sts.AssumeRoleWithSamlAsync(new AssumeRoleWithSAMLRequest
        {
            RoleArn = SamlRole, PrincipalArn = SamlAssertionBuilder.ProviderArn, SAMLAssertion = SamlAssertionBuilder.Xml(SamlRole, "raw-xml-user"),
        }, Anonymous);
        var who = await sts.GetCallerIdentityAsync(Connections.With(_moto.Endpoint, r.Credentials));
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/SamlRole/raw-xml-user", who.Arn);
    }

    [Fact]
    public async Task AssumeRoleWithWebIdentity_with_an_explicit_token()
    {
        using var sts = Connections.IsolatedService();
        var r = await sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
        {
            RoleArn = "arn:aws:iam::123456789012:role/WebRole", RoleSessionName = "web-1", WebIdentityToken = "eyJ.example.token", DurationSeconds = 900,
        }, Anonymous);
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/WebRole/web-1", r.AssumedRoleUser.Arn);
        Assert.False(string.IsNullOrEmpty(r.Credentials.SessionToken));
    }

    [Fact]
    public async Task AssumeRoleWithWebIdentity_with_no_arguments_uses_the_EKS_environment()
    {
        var tokenFile = Path.Combine(TestEnvironment.Sandbox, "eks-token-" + Guid.NewGuid().ToString("n"));
        File.WriteAllText(tokenFile, "eyJhbGciOiJSUzI1NiJ9.eks-service-account-token.sig\n");
        var env = new DictionaryEnvironmentVariables(new Dictionary<string, string>
        {
            ["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/IrsaRole",
            ["AWS_WEB_IDENTITY_TOKEN_FILE"] = tokenFile,
            ["AWS_ROLE_SESSION_NAME"] = "pod-abc",
        });
        using var proxy = LoopbackStsServer.ForwardingTo(_moto.Endpoint);
        using var sts = new StsService(env);
        var r = await sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest(), new ConnectionOptions { EndpointUrl = proxy.Endpoint, Region = "us-east-1" });
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/IrsaRole/pod-abc", r.AssumedRoleUser.Arn);
        var sent = Assert.Single(proxy.Requests);
        Assert.Equal("eyJhbGciOiJSUzI1NiJ9.eks-service-account-token.sig", sent.Form["WebIdentityToken"]);
        Assert.False(sent.Headers.ContainsKey("Authorization"), "AssumeRoleWithWebIdentity must be unsigned");
    }

    [Fact]
    public async Task AssumeRoleWithWebIdentity_reads_an_explicit_token_file()
    {
        var tokenFile = Path.Combine(TestEnvironment.Sandbox, "token-" + Guid.NewGuid().ToString("n"));
        File.WriteAllText(tokenFile, "file-token-value");
        using var sts = Connections.IsolatedService();
        var r = await sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest { RoleArn = "arn:aws:iam::123456789012:role/FileRole", RoleSessionName = "from-file" }, Anonymous, tokenFile);
        Assert.EndsWith("assumed-role/FileRole/from-file", r.AssumedRoleUser.Arn);
    }

    [Theory]
    [InlineData("MissingRoleArn", false, false)]
    [InlineData("MissingWebIdentityToken", true, false)]
    [InlineData("WebIdentityTokenFileNotFound", true, true)]
    public async Task AssumeRoleWithWebIdentity_says_what_is_missing(string errorId, bool roleInEnvironment, bool missingFile)
    {
        var env = new DictionaryEnvironmentVariables();
        if (roleInEnvironment) env.Set("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/IrsaRole");
        if (missingFile) env.Set("AWS_WEB_IDENTITY_TOKEN_FILE", "/nonexistent/token");
        using var sts = new StsService(env);
        var ex = await Assert.ThrowsAsync<StsValidationException>(() => sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest(), Anonymous));
        Assert.Equal(errorId, ex.ErrorId);
    }

    [Fact]
    public async Task GetFederationToken_returns_the_federated_user()
    {
        using var proxy = LoopbackStsServer.ForwardingTo(_moto.Endpoint);
        using var sts = Connections.IsolatedService();
        var r = await sts.GetFederationTokenAsync(new GetFederationTokenRequest
        {
            Name = "Bob", DurationSeconds = 3600, Policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
            Tags = { new Tag("Team", "Blue") }, PolicyArns = { new PolicyDescriptorType("arn:aws:iam::aws:policy/ReadOnlyAccess") },
        }, Connections.To(proxy.Endpoint));
        Assert.Equal("arn:aws:sts::123456789012:federated-user/Bob", r.FederatedUser.Arn);
        Assert.Equal("123456789012:Bob", r.FederatedUser.FederatedUserId);
        Assert.False(string.IsNullOrEmpty(r.Credentials.SessionToken));
        var form = Assert.Single(proxy.Requests).Form;
        Assert.Equal("Bob", form["Name"]);
        Assert.Equal("Team", form["Tags.member.1.Key"]);
        Assert.Equal("3600", form["DurationSeconds"]);
    }

    [Fact]
    public async Task GetAccessKeyInfo_returns_the_owning_account()
    {
        using var sts = Connections.IsolatedService();
        var r = await sts.GetAccessKeyInfoAsync("AKIAIOSFODNN7EXAMPLE", Connections.To(_moto.Endpoint));
        Assert.Equal(MotoServer.AccountId, r.Account);
        Assert.False(string.IsNullOrEmpty(r.ResponseMetadata.RequestId));
    }
}
