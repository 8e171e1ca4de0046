using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using StsTools.Connection;
using StsTools.Env;
using StsTools.Errors;
using StsTools.Model;
using StsTools.Profiles;
using StsTools.Requests;
using StsTools.Service;
using StsTools.Storage;
using StsTools.Tests.Engine;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Reliability;

/// <summary>
/// Every engine path, on success and on failure, with every message, exception text and
/// ToString captured: no secret access key, session token, MFA code or bearer token appears.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class SecretHygieneTests : IClassFixture<DocumentedSts>
{
    private const string SourceSecret = "SOURCE-secret-access-key-do-not-leak-1";
    private const string SourceToken = "SOURCE-session-token-do-not-leak-1";
    private readonly MotoServer _moto;
    private readonly DocumentedSts _documented;
    private readonly ListLog _log = new();
    private readonly List<string> _texts = new();
    private readonly List<string> _secrets = new() { SourceSecret, SourceToken, "804721", DocumentedSts.Jwt, "secret-trade-in-token-1" };

    public SecretHygieneTests(MotoServer moto, DocumentedSts documented)
    {
        _moto = moto;
        _documented = documented;
    }

    private ConnectionOptions Source(string endpoint) => new()
    {
        EndpointUrl = endpoint, Region = "us-east-1",
        Credential = new Credentials { AccessKeyId = "ASIASOURCEHYGIENE001", SecretAccessKey = SourceSecret, SessionToken = SourceToken },
    };

    // GetSessionToken and GetFederationToken take an IAM user's long-term keys: no session token.
    private ConnectionOptions LongTerm(string endpoint) => new()
    {
        EndpointUrl = endpoint, Region = "us-east-1",
        Credential = new Credentials { AccessKeyId = "AKIASOURCEHYGIENE001", SecretAccessKey = SourceSecret },
    };

    private void Keep(ICredentialsResponse r)
    {
        _secrets.Add(r.Credentials.SecretAccessKey);
        _secrets.Add(r.Credentials.SessionToken);
        _texts.Add(r.ToString()!);
        _texts.Add(r.Credentials.ToString());
    }

    private async Task Fails(Func<Task> call)
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(call);
        Assert.IsAssignableFrom<StsToolsException>(ex);
        _texts.Add(ex.ToString());
        _texts.Add(ex.Message);
    }

    [Fact]
    public async Task No_secret_reaches_logs_exceptions_or_ToString()
    {
        using var sts = new StsService(new DictionaryEnvironmentVariables());
        var moto = Source(_moto.Endpoint);
        var doc = Source(_documented.Upstream);
        const string role = "arn:aws:iam::123456789012:role/Hygiene";

        Keep(await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role, RoleSessionName = "h1", SerialNumber = "arn:aws:iam::123456789012:mfa/h", TokenCode = "804721", ExternalId = "external-id-secretish" }, moto, _log));
        _secrets.Add("external-id-secretish");
        Keep(await sts.GetSessionTokenAsync(new GetSessionTokenRequest { SerialNumber = "arn:aws:iam::123456789012:mfa/h", TokenCode = "804721" }, LongTerm(_moto.Endpoint), _log));
        _texts.Add((await sts.GetCallerIdentityAsync(moto, _log)).ToString()!);
        Keep(await sts.AssumeRoleWithSamlAsync(new AssumeRoleWithSAMLRequest { RoleArn = role, PrincipalArn = SamlAssertionBuilder.ProviderArn, SAMLAssertion = SamlAssertionBuilder.Base64(role, "h2") }, moto, _log));
        Keep(await sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest { RoleArn = role, RoleSessionName = "h3", WebIdentityToken = "web-identity-token-secret" }, moto, null, _log));
        _secrets.Add("web-identity-token-secret");
        Keep(await sts.GetFederationTokenAsync(new GetFederationTokenRequest { Name = "Hygiene" }, LongTerm(_moto.Endpoint), _log));
        _texts.Add((await sts.GetAccessKeyInfoAsync("AKIAIOSFODNN7EXAMPLE", moto, _log)).ToString()!);
        Keep(await sts.AssumeRootAsync(new AssumeRootRequest { TargetPrincipal = "111122223333", TaskPolicyArn = new PolicyDescriptorType("IAMAuditRootUserCredentials") }, doc, _log));
        Keep(await sts.GetDelegatedAccessTokenAsync(new GetDelegatedAccessTokenRequest { TradeInToken = "secret-trade-in-token-1" }, doc, _log));
        var jwt = await sts.GetWebIdentityTokenAsync(new GetWebIdentityTokenRequest { Audience = { "https://api.example.com" }, SigningAlgorithm = "RS256" }, doc, _log);
        _texts.Add(jwt.ToString()!);
        _texts.Add((await sts.DecodeAuthorizationMessageAsync(DocumentedSts.ValidEncodedMessage, doc, _log)).ToString()!);

        // Failures: bad MFA codes, bad tokens, service errors, unreachable endpoints.
        await Fails(() => sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role, SerialNumber = "arn:aws:iam::123456789012:mfa/h", TokenCode = "12345x" }, moto, _log));
        await Fails(() => sts.GetDelegatedAccessTokenAsync(new GetDelegatedAccessTokenRequest { TradeInToken = DocumentedSts.ExpiredTradeInToken }, doc, _log));
        await Fails(() => sts.DecodeAuthorizationMessageAsync("secret-looking-message-1", doc, _log));
        await Fails(() => sts.GetCallerIdentityAsync(Source("http://127.0.0.1:9"), _log));
        await Fails(() => sts.AssumeRoleWithSamlAsync(new AssumeRoleWithSAMLRequest { RoleArn = role, PrincipalArn = SamlAssertionBuilder.ProviderArn, SAMLAssertion = "!!not-base64-secret!!" }, moto, _log));
        _secrets.Add("!!not-base64-secret!!");

        // Local paths: the environment, files, profiles.
        var env = new DictionaryEnvironmentVariables(new Dictionary<string, string> { ["AWS_PROFILE"] = "p" });
        var creds = new Credentials { AccessKeyId = "ASIALOCAL0000001", SecretAccessKey = "local-secret-value-1", SessionToken = "local-token-value-1", Expiration = DateTime.UtcNow.AddHours(1) };
        _secrets.Add(creds.SecretAccessKey);
        _secrets.Add(creds.SessionToken);
        _texts.AddRange(CredentialEnvironment.Apply(env, creds, "us-east-1").Select(c => c.ToString()));
        _texts.AddRange(CredentialEnvironment.Clear(env, true).Select(c => c.ToString()));
        var file = Path.Combine(TestEnvironment.Sandbox, "hygiene-" + Guid.NewGuid().ToString("n") + ".json");
        File.WriteAllText(file, "{\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"" + creds.SecretAccessKey + "\",\"Expiration\":\"broken\"}");
        _texts.Add(Assert.Throws<StsToolsException>(() => CredentialFile.Load(file)).ToString());

        _texts.AddRange(_log.Lines);
        Assert.NotEmpty(_log.Lines);
        var leaks = (from text in _texts from secret in _secrets where secret.Length >= 6 && text.Contains(secret) select $"'{secret}' in: {text}").ToList();
        Assert.Empty(leaks);
    }
}
