using System;
using System.Threading.Tasks;
using StsTools.Errors;
using StsTools.Input;
using StsTools.Model;
using StsTools.Requests;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Engine;

/// <summary>AssumeRoot, DecodeAuthorizationMessage, GetDelegatedAccessToken and GetWebIdentityToken against the documented XML.</summary>
public sealed class DocumentedOperationsTests : IClassFixture<DocumentedSts>, IDisposable
{
    private readonly LoopbackStsServer _sts;

    /// <summary>One responder process for the class; a fresh recorder per test.</summary>
    public DocumentedOperationsTests(DocumentedSts responder) => _sts = LoopbackStsServer.ForwardingTo(responder.Upstream);

    public void Dispose() => _sts.Dispose();

    [Theory]
    [InlineData("IAMAuditRootUserCredentials", "us-east-1", "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials")]
    [InlineData("s3unlockbucketpolicy", "eu-west-1", "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy")]
    [InlineData("SQSUnlockQueuePolicy", "cn-north-1", "arn:aws-cn:iam::aws:policy/root-task/SQSUnlockQueuePolicy")]
    [InlineData("arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials", "us-east-1", "arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials")]
    public async Task AssumeRoot_expands_short_task_policy_names(string taskPolicy, string region, string expectedArn)
    {
        using var sts = Connections.IsolatedService();
        var r = await sts.AssumeRootAsync(new AssumeRootRequest { TargetPrincipal = "111122223333", TaskPolicyArn = new PolicyDescriptorType(taskPolicy), DurationSeconds = 900 }, Connections.To(_sts.Endpoint, region));
        Assert.Equal("ASIAEXAMPLEROOT00001", r.Credentials.AccessKeyId);
        Assert.Equal("Alice", r.SourceIdentity);
        Assert.Equal(DateTimeKind.Local, r.Credentials.Expiration.Kind);
        var form = Assert.Single(_sts.Requests).Form;
        Assert.Equal("111122223333", form["TargetPrincipal"]);
        Assert.Equal(expectedArn, form["TaskPolicyArn.arn"]);
        Assert.Equal("900", form["DurationSeconds"]);
    }

    [Theory]
    [InlineData("12345", "IAMAuditRootUserCredentials", 900, "InvalidTargetPrincipal")]
    [InlineData("111122223333", "ReadOnlyAccess", 900, "InvalidTaskPolicyArn")]
    [InlineData("111122223333", "arn:aws:iam::aws:policy/ReadOnlyAccess", 900, "InvalidTaskPolicyArn")]
    [InlineData("111122223333", "IAMAuditRootUserCredentials", 901, "DurationOutOfRange")]
    public async Task AssumeRoot_rejects_bad_input_before_the_network(string target, string policy, int duration, string errorId)
    {
        using var sts = Connections.IsolatedService();
        var ex = await Assert.ThrowsAsync<StsValidationException>(() => sts.AssumeRootAsync(new AssumeRootRequest { TargetPrincipal = target, TaskPolicyArn = new PolicyDescriptorType(policy), DurationSeconds = duration }, Connections.To(_sts.Endpoint)));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Empty(_sts.Requests);
    }

    [Fact]
    public async Task DecodeAuthorizationMessage_returns_the_json_and_a_tree_to_drill_into()
    {
        using var sts = Connections.IsolatedService();
        var r = await sts.DecodeAuthorizationMessageAsync(DocumentedSts.ValidEncodedMessage, Connections.To(_sts.Endpoint));
        Assert.Equal(DocumentedSts.DecodedJson, r.DecodedMessage);
        var tree = Assert.IsType<System.Collections.Generic.List<System.Collections.Generic.KeyValuePair<string, object?>>>(JsonTree.Parse(r.DecodedMessage));
        Assert.Equal(false, tree.Find(kv => kv.Key == "allowed").Value);
        var context = Assert.IsType<System.Collections.Generic.List<System.Collections.Generic.KeyValuePair<string, object?>>>(tree.Find(kv => kv.Key == "context").Value);
        Assert.Equal("ec2:StopInstances", context.Find(kv => kv.Key == "action").Value);
    }

    [Fact]
    public void The_encoded_part_is_found_in_a_pasted_error_text()
    {
        var pasted = "An error occurred (UnauthorizedOperation) when calling the StopInstances operation: You are not authorized to perform this operation. Encoded authorization failure message: AbC123-_xyz\n";
        Assert.Equal("AbC123-_xyz", AuthorizationMessages.Extract(pasted));
        Assert.Equal("AbC123", AuthorizationMessages.Extract("  AbC123 "));
    }

    [Fact]
    public async Task DecodeAuthorizationMessage_maps_the_documented_error()
    {
        using var sts = Connections.IsolatedService();
        var ex = await Assert.ThrowsAsync<StsServiceException>(() => sts.DecodeAuthorizationMessageAsync("garbage-message", Connections.To(_sts.Endpoint)));
        Assert.Equal("InvalidAuthorizationMessageException", ex.ErrorId);
        Assert.Equal(StsErrorCategory.InvalidArgument, ex.Category);
    }

    [Fact]
    public async Task GetDelegatedAccessToken_returns_credentials_and_the_assumed_principal()
    {
        using var sts = Connections.IsolatedService();
        var r = await sts.GetDelegatedAccessTokenAsync(new GetDelegatedAccessTokenRequest { TradeInToken = "good-trade-in-token" }, Connections.To(_sts.Endpoint));
        Assert.Equal("arn:aws:iam::123456789012:role/Delegated", r.AssumedPrincipal);
        Assert.Equal(7, r.PackedPolicySize);
        Assert.Equal("responder-session-token", r.Credentials.SessionToken);
        Assert.Equal("good-trade-in-token", Assert.Single(_sts.Requests).Form["TradeInToken"]);
    }

    [Fact]
    public async Task GetDelegatedAccessToken_maps_an_expired_token_without_echoing_it()
    {
        using var sts = Connections.IsolatedService();
        var ex = await Assert.ThrowsAsync<StsServiceException>(() => sts.GetDelegatedAccessTokenAsync(new GetDelegatedAccessTokenRequest { TradeInToken = DocumentedSts.ExpiredTradeInToken }, Connections.To(_sts.Endpoint)));
        Assert.Equal("ExpiredTradeInTokenException", ex.ErrorId);
        Assert.DoesNotContain(DocumentedSts.ExpiredTradeInToken, ex.Message);
    }

    [Fact]
    public async Task GetWebIdentityToken_sends_audiences_algorithm_duration_and_tags()
    {
        using var sts = Connections.IsolatedService();
        var r = await sts.GetWebIdentityTokenAsync(new GetWebIdentityTokenRequest
        {
            Audience = { "https://api.example.com", "sts.example.net" }, SigningAlgorithm = "ES384", DurationSeconds = 600, Tags = { new Tag("env", "prod") },
        }, Connections.To(_sts.Endpoint));
        Assert.Equal(DocumentedSts.Jwt, r.WebIdentityToken);
        Assert.True(r.Expiration.ToUniversalTime() > DateTime.UtcNow);
        var form = Assert.Single(_sts.Requests).Form;
        Assert.Equal("https://api.example.com", form["Audience.member.1"]);
        Assert.Equal("sts.example.net", form["Audience.member.2"]);
        Assert.Equal("ES384", form["SigningAlgorithm"]);
        Assert.Equal("600", form["DurationSeconds"]);
        Assert.Equal("env", form["Tags.member.1.Key"]);
    }

    public static TheoryData<string, Action<GetWebIdentityTokenRequest>> BadTokenRequests() => new()
    {
        { "InvalidAudience", r => r.Audience.Clear() },
        { "InvalidAudience", r => { for (var i = 0; i < 10; i++) r.Audience.Add("a" + i); } },
        { "InvalidAudience", r => r.Audience[0] = new string('a', 1001) },
        { "InvalidSigningAlgorithm", r => r.SigningAlgorithm = "HS256" },
        { "DurationOutOfRange", r => r.DurationSeconds = 59 },
        { "DurationOutOfRange", r => r.DurationSeconds = 3601 },
    };

    [Theory]
    [MemberData(nameof(BadTokenRequests))]
    public async Task GetWebIdentityToken_rejects_bad_input_before_the_network(string errorId, Action<GetWebIdentityTokenRequest> spoil)
    {
        var request = new GetWebIdentityTokenRequest { Audience = { "https://api.example.com" }, SigningAlgorithm = "RS256" };
        spoil(request);
        using var sts = Connections.IsolatedService();
        var ex = await Assert.ThrowsAsync<StsValidationException>(() => sts.GetWebIdentityTokenAsync(request, Connections.To(_sts.Endpoint)));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Empty(_sts.Requests);
    }

    [Theory]
    [InlineData("short", "InvalidAccessKeyId")]
    [InlineData("AKIA-WITH-DASHES-1234", "InvalidAccessKeyId")]
    public async Task GetAccessKeyInfo_rejects_malformed_key_ids(string keyId, string errorId)
    {
        using var sts = Connections.IsolatedService();
        var ex = await Assert.ThrowsAsync<StsValidationException>(() => sts.GetAccessKeyInfoAsync(keyId, Connections.To(_sts.Endpoint)));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Empty(_sts.Requests);
    }

    [Fact]
    public async Task Federation_and_saml_inputs_are_validated_before_the_network()
    {
        using var sts = Connections.IsolatedService();
        var fed = await Assert.ThrowsAsync<StsValidationException>(() => sts.GetFederationTokenAsync(new GetFederationTokenRequest { Name = "x" }, Connections.To(_sts.Endpoint)));
        Assert.Equal("InvalidFederatedUserName", fed.ErrorId);
        var fedDuration = await Assert.ThrowsAsync<StsValidationException>(() => sts.GetFederationTokenAsync(new GetFederationTokenRequest { Name = "Bob", DurationSeconds = 129601 }, Connections.To(_sts.Endpoint)));
        Assert.Equal("DurationOutOfRange", fedDuration.ErrorId);
        var principal = await Assert.ThrowsAsync<StsValidationException>(() => sts.AssumeRoleWithSamlAsync(new AssumeRoleWithSAMLRequest { RoleArn = "arn:aws:iam::123456789012:role/R", PrincipalArn = "arn:aws:iam::123456789012:role/NotAProvider", SAMLAssertion = "PHNhbWw+" }, Connections.To(_sts.Endpoint)));
        Assert.Equal("InvalidPrincipalArn", principal.ErrorId);
        var assertion = await Assert.ThrowsAsync<StsValidationException>(() => sts.AssumeRoleWithSamlAsync(new AssumeRoleWithSAMLRequest { RoleArn = "arn:aws:iam::123456789012:role/R", PrincipalArn = SamlAssertionBuilder.ProviderArn, SAMLAssertion = "not base64 !!" }, Connections.To(_sts.Endpoint)));
        Assert.Equal("InvalidSAMLAssertion", assertion.ErrorId);
        var token = await Assert.ThrowsAsync<StsValidationException>(() => sts.GetDelegatedAccessTokenAsync(new GetDelegatedAccessTokenRequest { TradeInToken = " " }, Connections.To(_sts.Endpoint)));
        Assert.Equal("MissingTradeInToken", token.ErrorId);
        Assert.Empty(_sts.Requests);
    }
}
