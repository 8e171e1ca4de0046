using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using StsTools.Errors;
using StsTools.Requests;
using StsTools.Tests.Infrastructure;
using Xunit;

namespace StsTools.Tests.Reliability;

/// <summary>What a user sees when the network or the service misbehaves.</summary>
public sealed class FaultTests
{
    private const string Ns = "https://sts.amazonaws.com/doc/2011-06-15/";
    private const string Identity = "<GetCallerIdentityResponse xmlns=\"" + Ns + "\"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/fault</Arn><UserId>AIDAFAULT</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r-ok</RequestId></ResponseMetadata></GetCallerIdentityResponse>";

    private static string Error(string code, string type = "Sender") =>
        $"<ErrorResponse xmlns=\"{Ns}\"><Error><Type>{type}</Type><Code>{code}</Code><Message>{code} happened</Message></Error><RequestId>r-err</RequestId></ErrorResponse>";

    public static int FaultCases => 9;

    [Fact]
    public async Task A_server_that_never_answers_times_out_instead_of_hanging()
    {
        using var server = new RawHttpServer((_, _, _) => null);
        using var sts = Connections.IsolatedService();
        var connection = Connections.To(server.Endpoint);
        connection.TimeoutSeconds = 1;
        var watch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<StsToolsException>(() => sts.GetCallerIdentityAsync(connection));
        watch.Stop();
        Assert.Equal("RequestTimedOut", ex.ErrorId);
        Assert.Equal(StsErrorCategory.OperationTimeout, ex.Category);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData(503, "ServiceUnavailable", "Receiver")]
    [InlineData(500, "InternalFailure", "Receiver")]
    [InlineData(400, "Throttling", "Sender")]
    public async Task Transient_failures_are_retried_and_the_retries_are_reported(int status, string code, string type)
    {
        using var server = new RawHttpServer((n, _, _) => n <= 2 ? RawHttpServer.Response(status, Error(code, type)) : RawHttpServer.Response(200, Identity));
        using var sts = Connections.IsolatedService();
        var r = await sts.GetCallerIdentityAsync(Connections.To(server.Endpoint));
        Assert.Equal("123456789012", r.Account);
        Assert.Equal(2, r.ResponseMetadata.RetryAttempts);
        Assert.Equal(3, server.Count);
    }

    [Fact]
    public async Task Each_failed_attempt_is_reported_as_it_happens_and_the_progress_ends_with_the_answer()
    {
        using var server = new RawHttpServer((n, _, _) => n <= 2 ? RawHttpServer.Response(503, Error("ServiceUnavailable", "Receiver")) : RawHttpServer.Response(200, Identity));
        using var sts = Connections.IsolatedService();
        var log = new StsTools.Tests.Engine.ListLog();
        await sts.GetCallerIdentityAsync(Connections.To(server.Endpoint), log);
        var lines = log.Lines.ToList();
        Assert.Contains(lines, l => l.StartsWith("Attempt 1 failed (503 ServiceUnavailable)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Attempt 2 failed", StringComparison.Ordinal));
        Assert.Equal("PROGRESS DONE: Answered", lines.Last(l => l.StartsWith("PROGRESS", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Persistent_throttling_ends_in_a_clear_error_after_the_standard_attempts()
    {
        using var server = new RawHttpServer((_, _, _) => RawHttpServer.Response(400, Error("Throttling")));
        using var sts = Connections.IsolatedService();
        var ex = await Assert.ThrowsAsync<StsServiceException>(() => sts.GetCallerIdentityAsync(Connections.To(server.Endpoint)));
        Assert.Equal("Throttling", ex.ErrorId);
        Assert.Equal(StsErrorCategory.LimitsExceeded, ex.Category);
        Assert.Equal(3, server.Count);
    }

    [Theory]
    [InlineData("<GetCallerIdentityResponse xmlns=\"" + Ns + "\"><GetCallerIdentityResult><Arn>arn:aws:iam::1234")]
    [InlineData("this is not xml at all")]
    [InlineData("<html><body>Proxy error</body>")]
    public async Task Malformed_or_truncated_XML_is_a_clear_error_not_a_half_filled_object(string body)
    {
        using var server = new RawHttpServer((_, _, _) => RawHttpServer.Response(200, body));
        using var sts = Connections.IsolatedService();
        var ex = await Assert.ThrowsAnyAsync<StsToolsException>(() => sts.GetCallerIdentityAsync(Connections.To(server.Endpoint)));
        Assert.Equal("InvalidResponse", ex.ErrorId);
        Assert.Equal(StsErrorCategory.ProtocolError, ex.Category);
    }

    [Fact]
    public async Task A_server_clock_far_off_is_corrected_by_the_SDK()
    {
        var serverNow = DateTime.UtcNow.AddHours(3);
        using var server = new RawHttpServer((n, head, _) =>
        {
            var amzDate = head.Split("\r\n").First(l => l.StartsWith("X-Amz-Date:", StringComparison.OrdinalIgnoreCase)).Substring(11).Trim();
            var sent = DateTime.ParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            if (Math.Abs((sent - serverNow).TotalMinutes) > 5)
                return RawHttpServer.Response(403, Error("RequestTimeTooSkewed"), "Date: " + serverNow.ToString("R", CultureInfo.InvariantCulture));
            return RawHttpServer.Response(200, Identity);
        });
        using var sts = Connections.IsolatedService();
        var r = await sts.GetCallerIdentityAsync(Connections.To(server.Endpoint));
        Assert.Equal("123456789012", r.Account);
        Assert.True(server.Count >= 2);
    }

    [Fact]
    public async Task Credentials_calls_are_retried_too_and_nothing_half_done_is_cached()
    {
        using var server = new RawHttpServer((_, _, _) => RawHttpServer.Response(200, "<AssumeRoleResponse xmlns=\"" + Ns + "\"><AssumeRoleResult><Credentials><AccessKeyId>ASIA"));
        using var sts = Connections.IsolatedService();
        var request = new AssumeRoleRequest { RoleArn = "arn:aws:iam::123456789012:role/R", RoleSessionName = "half" };
        await Assert.ThrowsAnyAsync<StsToolsException>(() => sts.AssumeRoleAsync(request, Connections.To(server.Endpoint)));
        var before = server.Count;
        await Assert.ThrowsAnyAsync<StsToolsException>(() => sts.AssumeRoleAsync(request, Connections.To(server.Endpoint)));
        Assert.True(server.Count > before, "a failed fetch must not leave a cache entry behind");
    }
}
