using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using StsTools.Connection;
using StsTools.Errors;
using StsTools.Model;
using StsTools.Requests;

namespace StsTools.Service;

public sealed partial class StsService
{
    /// <summary>How long a sign-in token works, per the AWS documentation.</summary>
    public static readonly TimeSpan SignInTokenLifetime = TimeSpan.FromMinutes(15);

    // Two clients for the federation endpoint: one through the proxy the system names, one that
    // never uses a proxy, for an endpoint on this machine (the request URL carries the session's
    // keys and token). Time-outs are per call (a token source); redirects are not followed and
    // responses are capped (ExchangeLimits).
    private static readonly Lazy<HttpClient> FederationClient = new(() => ExchangeLimits.CreateClient(loopback: false, System.Threading.Timeout.InfiniteTimeSpan));
    private static readonly Lazy<HttpClient> LoopbackFederationClient = new(() => ExchangeLimits.CreateClient(loopback: true, System.Threading.Timeout.InfiniteTimeSpan));

    /// <summary>
    /// A URL that signs in to the AWS console as temporary credentials: the federation endpoint's
    /// getSigninToken, then its Action=login URL. Everything is checked before the call; the
    /// credentials and the sign-in token never appear in log text or errors.
    /// </summary>
    public async Task<ConsoleSignIn> GetConsoleUrlAsync(ConsoleUrlRequest request, ConnectionOptions connection, IStsLog? log = null, CancellationToken cancellationToken = default)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        connection ??= new ConnectionOptions();
        var origin = request.Origin;
        if (origin == CredentialOrigin.SessionToken)
            throw new StsValidationException(ErrorIds.ConsoleNeedsRoleCredentials, "Credential",
                "The AWS federation endpoint does not accept GetSessionToken credentials. Sign in with a role's credentials (Use-StsRole ... | Get-StsConsoleUrl) or a federation token's (Get-StsFederationToken).", null);
        if (request.SessionDurationSeconds is int duration)
        {
            if (origin == CredentialOrigin.FederationToken)
                throw new StsValidationException(ErrorIds.SessionDurationNotAllowed, "SessionDurationSeconds",
                    "-SessionDurationSeconds applies to role credentials only: a console session from GetFederationToken credentials lasts as long as the federation token (set its -DurationSeconds instead).", duration);
            if (duration < 900 || duration > 43200)
                throw new StsValidationException(ErrorIds.InvalidSessionDuration, "SessionDurationSeconds", $"SessionDurationSeconds {duration} is out of range: use 900 to 43200 seconds.", duration);
        }
        // Region and time-out, resolved once (each resolution reads the profile files).
        var unsigned = ResolverFor(connection).Resolve(connection, requireCredentials: false);
        var region = unsigned.Region;
        var (defaultEndpoint, consoleHome) = ConsolePartition(Input.StsRegions.PartitionOf(region));
        var endpoint = FederationEndpoint(request.FederationEndpoint ?? defaultEndpoint, connection.AllowInsecureEndpoint, log);
        var destination = ConsoleDestination(request.Destination, consoleHome, region);

        var credentials = request.Credentials;
        if (credentials is null)
        {
            var through = await ThroughRoleProfileAsync("GetConsoleUrl", connection, true, log, cancellationToken).ConfigureAwait(false);
            if (!ReferenceEquals(through, connection) && origin == CredentialOrigin.Unknown) origin = CredentialOrigin.Role;
            var resolved = ResolverFor(through).Resolve(through, true);
            var immutable = await resolved.Credentials!.GetCredentialsAsync().ConfigureAwait(false);
            credentials = new Credentials { AccessKeyId = immutable.AccessKey, SecretAccessKey = immutable.SecretKey, SessionToken = immutable.Token ?? string.Empty };
        }
        if (string.IsNullOrEmpty(credentials.SessionToken))
            throw new StsValidationException(ErrorIds.ConsoleNeedsTemporaryCredentials, "Credential",
                $"The console sign-in needs temporary credentials from a role (Use-StsRole) or a federation token (Get-StsFederationToken); {SourceCredentialResolver.MaskKey(credentials.AccessKeyId)} has no session token (long-term keys cannot sign in this way).",
                credentials.AccessKeyId);

        var query = new StringBuilder("?Action=getSigninToken");
        if (request.SessionDurationSeconds is int seconds) query.Append("&SessionDuration=").Append(seconds);
        query.Append("&Session=").Append(Uri.EscapeDataString(SessionJson(credentials)));
        log?.Verbose($"getSigninToken: calling {endpoint} for {SourceCredentialResolver.MaskKey(credentials.AccessKeyId)}.");
        var token = await SignInTokenAsync(endpoint, query.ToString(), unsigned.Timeout, cancellationToken).ConfigureAwait(false);

        var url = new StringBuilder(endpoint).Append("?Action=login");
        if (!string.IsNullOrEmpty(request.Issuer)) url.Append("&Issuer=").Append(Uri.EscapeDataString(request.Issuer!));
        url.Append("&Destination=").Append(Uri.EscapeDataString(destination));
        url.Append("&SigninToken=").Append(Uri.EscapeDataString(token));
        log?.Verbose($"Console sign-in URL for {destination} made; it works for {SignInTokenLifetime.TotalMinutes:0} minutes.");
        return new ConsoleSignIn
        {
            Url = url.ToString(),
            Destination = destination,
            Issuer = request.Issuer,
            ValidUntil = DateTime.UtcNow + SignInTokenLifetime,
            SessionExpiration = credentials.Expiration,
            AccessKeyId = credentials.AccessKeyId,
        };
    }

    // The federation endpoint and the console home of each partition (AWS documentation).
    private static (string Federation, string Console) ConsolePartition(string? partition) => partition switch
    {
        "aws-cn" => ("https://signin.amazonaws.cn/federation", "https://console.amazonaws.cn/"),
        "aws-us-gov" => ("https://signin.amazonaws-us-gov.com/federation", "https://console.amazonaws-us-gov.com/"),
        _ => ("https://signin.aws.amazon.com/federation", "https://console.aws.amazon.com/"),
    };

    private static string FederationEndpoint(string value, bool allowInsecure, IStsLog? log)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(uri.Query))
            throw new StsValidationException(ErrorIds.InvalidFederationEndpoint, "FederationEndpoint", $"'{value}' is not an absolute https URL without a query.", value);
        if (uri.Scheme == Uri.UriSchemeHttp && !EndpointResolver.IsLoopback(uri))
        {
            if (!allowInsecure)
                throw new StsValidationException(ErrorIds.InsecureEndpoint, "FederationEndpoint",
                    $"'{value}' is plain http to a host that is not this machine: the credentials and the sign-in token would cross the network unencrypted. Use https, or pass -AllowInsecureEndpoint if you mean it.",
                    value, StsErrorCategory.SecurityError);
            log?.Warning($"Calling the federation endpoint over plain http at '{value}': credentials and the sign-in token cross the network unencrypted.");
        }
        return value;
    }

    /// <summary>A console URL as given (https only), or a service name as that service's console home in <paramref name="region"/>.</summary>
    internal static string ConsoleDestination(string? destination, string consoleHome, string region)
    {
        if (string.IsNullOrWhiteSpace(destination)) return $"{consoleHome}console/home?region={region}";
        var d = destination!.Trim();
        if (Uri.TryCreate(d, UriKind.Absolute, out var uri))
        {
            if (uri.Scheme != Uri.UriSchemeHttps)
                throw new StsValidationException(ErrorIds.InvalidDestination, "Destination", $"'{d}' is not an https console URL.", d);
            return d;
        }
        foreach (var c in d)
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-')
                throw new StsValidationException(ErrorIds.InvalidDestination, "Destination",
                    $"'{d}' is neither an https console URL nor a service name (s3, ec2, cloudformation, ...).", d);
        return $"{consoleHome}{d}/home?region={region}";
    }

    private static string SessionJson(Credentials credentials)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("sessionId", credentials.AccessKeyId);
            json.WriteString("sessionKey", credentials.SecretAccessKey);
            json.WriteString("sessionToken", credentials.SessionToken);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static async Task<string> SignInTokenAsync(string endpoint, string query, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        HttpResponseMessage response;
        try
        {
            response = await (ExchangeLimits.IsLoopbackUrl(endpoint) ? LoopbackFederationClient : FederationClient).Value.GetAsync(endpoint + query, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StsToolsException(ErrorIds.RequestTimedOut, StsErrorCategory.OperationTimeout,
                $"The federation endpoint {endpoint} did not answer within {timeout.TotalSeconds:0.#} s (-TimeoutSeconds or STSMODULE_TIMEOUT_SECONDS sets the time).", endpoint);
        }
        catch (ResponseTooLargeException ex)
        {
            throw new StsToolsException(ErrorIds.InvalidResponse, StsErrorCategory.ProtocolError, $"The federation endpoint {endpoint} sent no sign-in token: {ex.Message}.", endpoint);
        }
        catch (HttpRequestException ex)
        {
            // The request URL holds the credentials: only the endpoint and the innermost reason are told.
            var reason = ex.InnerException?.Message ?? ex.Message;
            throw new StsToolsException(ErrorIds.EndpointConnectionFailed, StsErrorCategory.ConnectionError, $"Could not reach the federation endpoint {endpoint}: {reason}", endpoint);
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new StsToolsException(ErrorIds.FederationSignInFailed, StsErrorCategory.AuthenticationError,
                    $"The federation endpoint {endpoint} refused the credentials (HTTP {(int)response.StatusCode}): they may have expired, come from GetSessionToken, or be a role chain asked for more than an hour.",
                    endpoint);
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("SigninToken", out var token)
                    && token.ValueKind == JsonValueKind.String && token.GetString() is { Length: > 0 } value)
                    return value;
            }
            catch (JsonException)
            {
            }
            throw new StsToolsException(ErrorIds.UnexpectedResponse, StsErrorCategory.ProtocolError,
                $"The federation endpoint {endpoint} answered HTTP {(int)response.StatusCode} without a SigninToken.", endpoint);
        }
    }
}
