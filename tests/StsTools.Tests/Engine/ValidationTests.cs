using System;
using System.Linq;
using System.Threading.Tasks;
using StsTools.Connection;
using StsTools.Errors;
using StsTools.Model;
using StsTools.Requests;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Engine;

/// <summary>Every rule rejects its bad input with its own error id, and nothing reaches the network.</summary>
public sealed class ValidationTests : IDisposable
{
    private const string Role = "arn:aws:iam::123456789012:role/Admin";
    private readonly LoopbackStsServer _server = LoopbackStsServer.Answering(500, "must not be called");

    public void Dispose() => _server.Dispose();

    public static TheoryData<string, string, Action<AssumeRoleRequest>> BadAssumeRoleInputs() => new()
    {
        { "MissingRoleArn", "RoleArn", r => r.RoleArn = "" },
        { "InvalidRoleArn", "RoleArn", r => r.RoleArn = "Admin" },
        { "InvalidRoleArn", "RoleArn", r => r.RoleArn = "arn:aws:iam::12345:role/Admin" },
        { "InvalidRoleArn", "RoleArn", r => r.RoleArn = "arn:aws:iam::123456789012:user/Admin" },
        { "InvalidRoleArn", "RoleArn", r => r.RoleArn = "arn:aws:s3:::123456789012:role/Admin" },
        { "InvalidRoleArn", "RoleArn", r => r.RoleArn = "arn:aws:iam::123456789012:role/" + new string('a', 65) },
        { "InvalidRoleSessionName", "RoleSessionName", r => r.RoleSessionName = "a" },
        { "InvalidRoleSessionName", "RoleSessionName", r => r.RoleSessionName = "has space" },
        { "InvalidRoleSessionName", "RoleSessionName", r => r.RoleSessionName = new string('s', 65) },
        { "InvalidRoleSessionName", "RoleSessionName", r => r.RoleSessionName = "nöascii" },
        { "DurationOutOfRange", "DurationSeconds", r => r.DurationSeconds = 899 },
        { "DurationOutOfRange", "DurationSeconds", r => r.DurationSeconds = 43201 },
        { "InvalidTokenCode", "TokenCode", r => { r.SerialNumber = "arn:aws:iam::123456789012:mfa/bob"; r.TokenCode = "12345"; } },
        { "InvalidTokenCode", "TokenCode", r => { r.SerialNumber = "arn:aws:iam::123456789012:mfa/bob"; r.TokenCode = "12a456"; } },
        { "TokenCodeWithoutSerialNumber", "SerialNumber", r => r.TokenCode = "123456" },
        { "SerialNumberWithoutTokenCode", "TokenCode", r => r.SerialNumber = "arn:aws:iam::123456789012:mfa/bob" },
        { "InvalidSerialNumber", "SerialNumber", r => { r.SerialNumber = "short"; r.TokenCode = "123456"; } },
        { "InvalidExternalId", "ExternalId", r => r.ExternalId = "x" },
        { "InvalidExternalId", "ExternalId", r => r.ExternalId = "with space" },
        { "InvalidExternalId", "ExternalId", r => r.ExternalId = new string('e', 1225) },
        { "InvalidSourceIdentity", "SourceIdentity", r => r.SourceIdentity = "a" },
        { "InvalidSourceIdentity", "SourceIdentity", r => r.SourceIdentity = "bad/slash" },
        { "InvalidSourceIdentity", "SourceIdentity", r => r.SourceIdentity = new string('s', 65) },
        { "TooManyTags", "Tags", r => r.Tags = Enumerable.Range(0, 51).Select(i => new Tag("k" + i, "v")).ToList() },
        { "InvalidTagKey", "Tags", r => r.Tags = new[] { new Tag("", "v") }.ToList() },
        { "InvalidTagKey", "Tags", r => r.Tags = new[] { new Tag(new string('k', 129), "v") }.ToList() },
        { "InvalidTagValue", "Tags", r => r.Tags = new[] { new Tag("k", "bad*value") }.ToList() },
        { "DuplicateTagKey", "Tags", r => r.Tags = new[] { new Tag("Team", "a"), new Tag("team", "b") }.ToList() },
        { "TooManyTransitiveTagKeys", "TransitiveTagKeys", r => r.TransitiveTagKeys = Enumerable.Range(0, 51).Select(i => "k" + i).ToList() },
        { "InvalidTagKey", "TransitiveTagKeys", r => r.TransitiveTagKeys = new[] { "bad*key" }.ToList() },
        { "TooManyPolicyArns", "PolicyArns", r => r.PolicyArns = Enumerable.Range(0, 11).Select(i => new PolicyDescriptorType("arn:aws:iam::aws:policy/P" + i)).ToList() },
        { "InvalidPolicyArn", "PolicyArns", r => r.PolicyArns = new[] { new PolicyDescriptorType("ReadOnlyAccess") }.ToList() },
        { "InvalidPolicy", "Policy", r => r.Policy = "{not json" },
        { "InvalidPolicy", "Policy", r => r.Policy = "" },
        { "InvalidPolicy", "Policy", r => r.Policy = "{\"a\":\"" + new string('x', 2048) + "\"}" },
        { "TooManyProvidedContexts", "ProvidedContexts", r => r.ProvidedContexts = Enumerable.Range(0, 6).Select(_ => new ProvidedContext { ProviderArn = "arn:aws:iam::aws:contextProvider/IdentityCenter", ContextAssertion = "abcd" }).ToList() },
        { "InvalidProvidedContext", "ProvidedContexts", r => r.ProvidedContexts = new[] { new ProvidedContext { ProviderArn = "nope", ContextAssertion = "abcd" } }.ToList() },
        { "InvalidProvidedContext", "ProvidedContexts", r => r.ProvidedContexts = new[] { new ProvidedContext { ProviderArn = "arn:aws:iam::aws:contextProvider/IdentityCenter", ContextAssertion = "abc" } }.ToList() },
    };

    [Theory]
    [MemberData(nameof(BadAssumeRoleInputs))]
    public async Task AssumeRole_rejects_bad_input_before_the_network(string errorId, string parameter, Action<AssumeRoleRequest> spoil)
    {
        var request = new AssumeRoleRequest { RoleArn = Role, RoleSessionName = "ok-session" };
        spoil(request);
        using var sts = Connections.IsolatedService();
        var ex = await Assert.ThrowsAsync<StsValidationException>(() => sts.AssumeRoleAsync(request, Connections.To(_server.Endpoint)));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Equal(parameter, ex.ParameterName);
        Assert.Equal(StsErrorCategory.InvalidArgument, ex.Category);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData(899, "DurationOutOfRange")]
    [InlineData(129601, "DurationOutOfRange")]
    public async Task GetSessionToken_rejects_durations_outside_900_to_129600(int seconds, string errorId)
    {
        using var sts = Connections.IsolatedService();
        var ex = await Assert.ThrowsAsync<StsValidationException>(() => sts.GetSessionTokenAsync(new GetSessionTokenRequest { DurationSeconds = seconds }, Connections.To(_server.Endpoint)));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Contains("129600", ex.Message);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task GetSessionToken_rejects_a_five_digit_mfa_code_without_echoing_it()
    {
        using var sts = Connections.IsolatedService();
        var ex = await Assert.ThrowsAsync<StsValidationException>(() => sts.GetSessionTokenAsync(
            new GetSessionTokenRequest { SerialNumber = "arn:aws:iam::123456789012:mfa/bob", TokenCode = "98765" }, Connections.To(_server.Endpoint)));
        Assert.Equal("InvalidTokenCode", ex.ErrorId);
        Assert.DoesNotContain("98765", ex.Message);
        Assert.Empty(_server.Requests);
    }

    public static TheoryData<string, Action<ConnectionOptions>> BadConnections() => new()
    {
        { "InvalidRegion", c => c.Region = "Frankfurt" },
        { "InvalidEndpointUrl", c => c.EndpointUrl = "ftp://127.0.0.1/" },
        { "InvalidEndpointUrl", c => c.EndpointUrl = "not a url" },
        { "IncompleteAccessKey", c => c.SecretKey = null },
        { "ConflictingCredentialSources", c => c.ProfileName = "prod" },
        { "ConflictingCredentialSources", c => c.Credential = new Credentials { AccessKeyId = "A", SecretAccessKey = "B" } },
    };

    [Theory]
    [InlineData("us-east-1", true)]
    [InlineData("eu-central-2", true)]
    [InlineData("us-gov-west-1", true)]
    [InlineData("cn-northwest-1", true)]
    [InlineData("us-iso-east-1", true)]
    [InlineData("Frankfurt", false)]
    [InlineData("us", false)]
    [InlineData("us-", false)]
    [InlineData("-us-east-1", false)]
    [InlineData("us--east-1", false)]
    [InlineData("US-EAST-1", false)]
    [InlineData("u-east-1", false)]
    [InlineData("us_east_1", false)]
    [InlineData("1us-east", false)]
    [InlineData("us-east-1\n", false)]
    [InlineData("", false)]
    public void Region_names_are_checked_by_shape(string region, bool valid) =>
        Assert.Equal(valid, StsTools.Connection.SourceCredentialResolver.IsRegionName(region));

    [Theory]
    [MemberData(nameof(BadConnections))]
    public async Task Bad_connection_parameters_are_rejected_before_the_network(string errorId, Action<ConnectionOptions> spoil)
    {
        var connection = Connections.To(_server.Endpoint);
        spoil(connection);
        using var sts = Connections.IsolatedService();
        var ex = await Assert.ThrowsAsync<StsValidationException>(() => sts.GetCallerIdentityAsync(connection));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/Admin")]
    [InlineData("arn:aws:iam::123456789012:role/path/to/Admin")]
    [InlineData("arn:aws-cn:iam::123456789012:role/svc-role+=,.@-_")]
    [InlineData("arn:aws-us-gov:iam::123456789012:role/Admin")]
    [InlineData("arn:aws-iso-b:iam::123456789012:role/Admin")]
    public void Valid_role_arns_pass(string arn) => StsTools.Validation.StsInputValidator.RoleArn(arn, "RoleArn");

    [Fact]
    public async Task Profile_that_does_not_exist_is_a_clear_error()
    {
        using var sts = Connections.IsolatedService();
        var ex = await Assert.ThrowsAsync<StsToolsException>(() => sts.GetCallerIdentityAsync(new ConnectionOptions { ProfileName = "no-such-profile", EndpointUrl = _server.Endpoint }));
        Assert.Equal("ProfileNotFound", ex.ErrorId);
        Assert.Equal(StsErrorCategory.ObjectNotFound, ex.Category);
        Assert.Empty(_server.Requests);
    }
}
