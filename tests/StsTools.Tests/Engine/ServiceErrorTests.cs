using System.Threading.Tasks;
using StsTools.Errors;
using StsTools.Requests;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Engine;

/// <summary>STS error responses (the documented XML) become errors whose id is the STS error code.</summary>
public sealed class ServiceErrorTests
{
    private static string ErrorXml(string code, string message, string type = "Sender") =>
        $"<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>{type}</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ErrorResponse>";

    [Theory]
    [InlineData(403, "AccessDenied", StsErrorCategory.PermissionDenied)]
    [InlineData(400, "ExpiredToken", StsErrorCategory.AuthenticationError)]
    [InlineData(403, "InvalidClientTokenId", StsErrorCategory.AuthenticationError)]
    [InlineData(403, "SignatureDoesNotMatch", StsErrorCategory.AuthenticationError)]
    [InlineData(403, "RegionDisabledException", StsErrorCategory.NotEnabled)]
    [InlineData(400, "MalformedPolicyDocument", StsErrorCategory.InvalidArgument)]
    [InlineData(400, "PackedPolicyTooLarge", StsErrorCategory.LimitsExceeded)]
    [InlineData(400, "SomethingNew", StsErrorCategory.InvalidOperation)]
    public async Task Service_error_codes_become_error_ids(int status, string code, StsErrorCategory category)
    {
        using var server = LoopbackStsServer.Answering(status, ErrorXml(code, "explained by STS"));
        using var sts = Connections.IsolatedService();
        var ex = await Assert.ThrowsAsync<StsServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = "arn:aws:iam::123456789012:role/Admin", RoleSessionName = "s1" }, Connections.To(server.Endpoint)));
        Assert.Equal(code, ex.ErrorId);
        Assert.Equal(category, ex.Category);
        Assert.Equal(status, ex.HttpStatusCode);
        Assert.Equal("c6104cbe-af31-11e0-8154-cbc7ccf896c7", ex.RequestId);
        Assert.Equal("arn:aws:iam::123456789012:role/Admin", ex.TargetObject);
        Assert.Contains("explained by STS", ex.Message);
        Assert.Contains(code, ex.Message);
    }

    [Fact]
    public async Task A_closed_port_is_a_connection_error()
    {
        var port = FreePort.Next();
        using var sts = Connections.IsolatedService();
        var ex = await Assert.ThrowsAsync<StsToolsException>(() => sts.GetCallerIdentityAsync(Connections.To($"http://127.0.0.1:{port}")));
        Assert.Equal("EndpointConnectionFailed", ex.ErrorId);
        Assert.Equal(StsErrorCategory.ConnectionError, ex.Category);
        Assert.Contains($"127.0.0.1:{port}", ex.Message);
    }

    [Fact]
    public async Task Secrets_echoed_by_the_service_are_blanked_out_of_the_error()
    {
        var creds = new StsTools.Model.Credentials { AccessKeyId = "ASIAECHOEXAMPLE0001", SecretAccessKey = "echoed-secret-access-key-1234", SessionToken = "echoed-session-token-abcdefgh" };
        using var server = LoopbackStsServer.Answering(403, ErrorXml("SignatureDoesNotMatch",
            $"The Canonical String for this request should have been 'x-amz-security-token:{creds.SessionToken}' signed with {creds.SecretAccessKey}"));
        using var sts = Connections.IsolatedService();
        var ex = await Assert.ThrowsAsync<StsServiceException>(() => sts.GetCallerIdentityAsync(Connections.With(server.Endpoint, creds)));
        Assert.Equal("SignatureDoesNotMatch", ex.ErrorId);
        Assert.DoesNotContain(creds.SessionToken, ex.ToString());
        Assert.DoesNotContain(creds.SecretAccessKey, ex.ToString());
        Assert.Contains("********", ex.Message);
        Assert.Null(ex.InnerException);
    }
}
