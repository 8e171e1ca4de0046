using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using StsTools.Connection;
using StsTools.Errors;
using StsTools.Model;
using StsTools.Requests;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Reliability;

/// <summary>A moto_server that verifies SigV4 after two setup calls (creating an IAM user and its key).</summary>
public sealed class SigningMoto : IDisposable
{
    public SigningMoto()
    {
        Server = MotoServer.WithEnvironment(new Dictionary<string, string> { ["INITIAL_NO_AUTH_ACTION_COUNT"] = "2" });
        const string setup = "import sys, boto3\niam = boto3.client('iam', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='setup', aws_secret_access_key='setup')\niam.create_user(UserName='alice')\nk = iam.create_access_key(UserName='alice')['AccessKey']\nprint(k['AccessKeyId'] + ' ' + k['SecretAccessKey'])";
        var (code, stdout, stderr) = ChildProcess.Run(Tools.Python, new[] { "-c", setup, Server.Endpoint });
        if (code != 0) throw new InvalidOperationException("moto setup failed: " + stderr);
        var parts = stdout.Split(' ');
        AccessKey = parts[0];
        SecretKey = parts[1];
    }

    public MotoServer Server { get; }
    public string AccessKey { get; }
    public string SecretKey { get; }

    public ConnectionOptions Keys(string accessKey, string secretKey) => new() { EndpointUrl = Server.Endpoint, Region = "us-east-1", AccessKey = accessKey, SecretKey = secretKey };

    public void Dispose() => Server.Dispose();
}

/// <summary>Each way credentials can be wrong gives its own clear error.</summary>
public sealed class AuthenticationTests : IClassFixture<SigningMoto>
{
    private readonly SigningMoto _moto;

    public AuthenticationTests(SigningMoto moto) => _moto = moto;

    [Fact]
    public async Task The_right_keys_are_accepted()
    {
        using var sts = Connections.IsolatedService();
        var r = await sts.GetCallerIdentityAsync(_moto.Keys(_moto.AccessKey, _moto.SecretKey));
        Assert.Equal("arn:aws:iam::123456789012:user/alice", r.Arn);
    }

    [Fact]
    public async Task A_wrong_secret_is_SignatureDoesNotMatch_and_the_secret_is_not_in_the_message()
    {
        using var sts = Connections.IsolatedService();
        const string wrong = "wrong-secret-access-key-value-123";
        var ex = await Assert.ThrowsAsync<StsServiceException>(() => sts.GetCallerIdentityAsync(_moto.Keys(_moto.AccessKey, wrong)));
        Assert.Equal("SignatureDoesNotMatch", ex.ErrorId);
        Assert.Equal(StsErrorCategory.AuthenticationError, ex.Category);
        Assert.Equal(403, ex.HttpStatusCode);
        Assert.DoesNotContain(wrong, ex.ToString());
    }

    [Fact]
    public async Task An_unknown_key_id_is_InvalidClientTokenId()
    {
        using var sts = Connections.IsolatedService();
        var ex = await Assert.ThrowsAsync<StsServiceException>(() => sts.GetCallerIdentityAsync(_moto.Keys("AKIAUNKNOWNKEY000000", "whatever-secret")));
        Assert.Equal("InvalidClientTokenId", ex.ErrorId);
        Assert.Equal(StsErrorCategory.AuthenticationError, ex.Category);
    }

    [Fact]
    public async Task A_caller_without_permission_is_AccessDenied()
    {
        using var sts = Connections.IsolatedService();
        var ex = await Assert.ThrowsAsync<StsServiceException>(() => sts.GetSessionTokenAsync(new GetSessionTokenRequest(), _moto.Keys(_moto.AccessKey, _moto.SecretKey)));
        Assert.Equal("AccessDenied", ex.ErrorId);
        Assert.Equal(StsErrorCategory.PermissionDenied, ex.Category);
        Assert.Contains("sts:GetSessionToken", ex.Message);
    }

    [Fact]
    public async Task An_expired_session_token_is_ExpiredToken()
    {
        // moto does not expire tokens; this is STS's documented answer for one.
        using var server = LoopbackStsServer.Answering(400,
            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error><RequestId>r-exp</RequestId></ErrorResponse>");
        using var sts = Connections.IsolatedService();
        var expired = new Credentials { AccessKeyId = "ASIAEXPIRED000000001", SecretAccessKey = "expired-secret-0001", SessionToken = "expired-session-token-0001", Expiration = DateTime.UtcNow.AddHours(-1) };
        var ex = await Assert.ThrowsAsync<StsServiceException>(() => sts.GetCallerIdentityAsync(Connections.With(server.Endpoint, expired)));
        Assert.Equal("ExpiredToken", ex.ErrorId);
        Assert.Equal(StsErrorCategory.AuthenticationError, ex.Category);
        Assert.DoesNotContain(expired.SessionToken, ex.ToString());
    }
}
