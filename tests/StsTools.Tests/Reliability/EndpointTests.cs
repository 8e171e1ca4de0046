using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using StsTools.Caching;
using StsTools.Connection;
using StsTools.Env;
using StsTools.Errors;
using StsTools.Model;
using StsTools.Requests;
using StsTools.Service;
using StsTools.Tests.Engine;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Reliability;

/// <summary>
/// The module resolves the endpoint itself (-EndpointUrl, AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL,
/// the profile), names it in verbose output, keeps cached sessions apart per endpoint, and sends
/// nothing over plain http to another machine unless told to.
/// </summary>
public sealed class EndpointTests : IClassFixture<MotoServer>, IDisposable
{
    private const string Role = "arn:aws:iam::123456789012:role/Endpoint";
    private readonly LoopbackStsServer _first;
    private readonly LoopbackStsServer _second;
    private readonly string _cacheDir = Path.Combine(TestEnvironment.Sandbox, "endpoint-cache-" + Guid.NewGuid().ToString("n"));

    public EndpointTests(MotoServer moto)
    {
        _first = LoopbackStsServer.ForwardingTo(moto.Endpoint);
        _second = LoopbackStsServer.ForwardingTo(moto.Endpoint);
    }

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }

    private static StsService Service(Dictionary<string, string> env, string? cacheDir = null)
    {
        var sts = new StsService(new DictionaryEnvironmentVariables(env));
        if (cacheDir is not null) sts.CacheOptions = new CacheOptions { DiskEnabled = true, Directory = cacheDir };
        return sts;
    }

    private static ConnectionOptions Keys(string? endpoint = null) => new()
    {
        Region = "us-east-1", AccessKey = MotoServer.AccessKey, SecretKey = MotoServer.SecretKey, EndpointUrl = endpoint,
    };

    [Fact]
    public async Task AWS_ENDPOINT_URL_STS_routes_the_call_and_verbose_output_says_so()
    {
        using var sts = Service(new() { ["AWS_ENDPOINT_URL_STS"] = _first.Endpoint, ["AWS_ENDPOINT_URL"] = _second.Endpoint });
        var log = new ListLog();
        var who = await sts.GetCallerIdentityAsync(Keys(), log);
        Assert.Equal("123456789012", who.Account);
        Assert.Single(_first.Requests);
        Assert.Empty(_second.Requests); // the service-specific variable wins over the global one
        Assert.Contains(log.Lines, l => l.Contains(_first.Endpoint) && l.Contains("from AWS_ENDPOINT_URL_STS"));
        Assert.DoesNotContain(log.Lines, l => l.Contains("regional endpoint"));
    }

    [Fact]
    public async Task AWS_ENDPOINT_URL_routes_the_call_and_EndpointUrl_wins_over_both()
    {
        using (var sts = Service(new() { ["AWS_ENDPOINT_URL"] = _second.Endpoint }))
            await sts.GetCallerIdentityAsync(Keys());
        Assert.Single(_second.Requests);
        using (var sts = Service(new() { ["AWS_ENDPOINT_URL_STS"] = _second.Endpoint, ["AWS_ENDPOINT_URL"] = _second.Endpoint }))
            await sts.GetCallerIdentityAsync(Keys(_first.Endpoint));
        Assert.Single(_first.Requests);
        Assert.Single(_second.Requests);
    }

    [Fact]
    public async Task A_session_cached_for_one_endpoint_is_never_served_for_another()
    {
        // Two processes sharing the disk cache, one with AWS_ENDPOINT_URL_STS set (an emulator),
        // one with another endpoint: the second must ask its own endpoint.
        using (var emulator = Service(new() { ["AWS_ENDPOINT_URL_STS"] = _first.Endpoint }, _cacheDir))
            await emulator.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "e1" }, Keys());
        using (var other = Service(new() { ["AWS_ENDPOINT_URL_STS"] = _second.Endpoint }, _cacheDir))
            await other.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "e1" }, Keys());
        Assert.Single(_first.Requests);
        Assert.Single(_second.Requests);
        using (var again = Service(new() { ["AWS_ENDPOINT_URL_STS"] = _first.Endpoint }, _cacheDir))
            await again.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "e1" }, Keys());
        Assert.Single(_first.Requests); // its own entry, from disk
    }

    public static TheoryData<string?, string?> InsecureEndpoints => new()
    {
        { "http://sts.example.com", null },
        { "http://10.1.2.3:8080", null },
        { null, "http://sts.example.com" },
    };

    [Theory]
    [MemberData(nameof(InsecureEndpoints))]
    public async Task Plain_http_to_another_machine_is_refused_before_anything_is_sent(string? parameter, string? variable)
    {
        var env = new Dictionary<string, string>();
        if (variable is not null) env["AWS_ENDPOINT_URL_STS"] = variable;
        using var sts = Service(env);
        var ex = await Assert.ThrowsAsync<StsValidationException>(() => sts.GetCallerIdentityAsync(Keys(parameter)));
        Assert.Equal("InsecureEndpoint", ex.ErrorId);
        Assert.Equal(StsErrorCategory.SecurityError, ex.Category);
        Assert.Contains(variable is null ? "-EndpointUrl" : "AWS_ENDPOINT_URL_STS", ex.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://127.9.9.9:5000")]
    [InlineData("http://localhost:5000")]
    [InlineData("http://[::1]:5000")]
    [InlineData("https://sts.example.com")]
    public void Loopback_http_and_any_https_are_accepted(string endpoint)
    {
        var resolved = new SourceCredentialResolver(new DictionaryEnvironmentVariables()).Resolve(Keys(endpoint));
        Assert.Equal(endpoint, resolved.EndpointUrl);
        Assert.Null(resolved.Warning);
    }

    [Fact]
    public void AllowInsecureEndpoint_accepts_plain_http_with_a_warning()
    {
        var options = Keys("http://sts.example.com");
        options.AllowInsecureEndpoint = true;
        var resolved = new SourceCredentialResolver(new DictionaryEnvironmentVariables()).Resolve(options);
        Assert.Equal("http://sts.example.com", resolved.EndpointUrl);
        Assert.Contains("unencrypted", resolved.Warning);
    }

    [Fact]
    public void AWS_IGNORE_CONFIGURED_ENDPOINT_URLS_leaves_the_regional_endpoint()
    {
        var env = new DictionaryEnvironmentVariables(new Dictionary<string, string> { ["AWS_ENDPOINT_URL_STS"] = "http://127.0.0.1:1", ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true" });
        var resolved = new SourceCredentialResolver(env).Resolve(Keys());
        Assert.Null(resolved.EndpointUrl);
    }
}
