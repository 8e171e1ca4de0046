using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using StsTools.Connection;
using StsTools.Env;
using StsTools.Errors;
using StsTools.Model;
using StsTools.Requests;
using StsTools.Validation;
using Sdk = Amazon.SecurityToken.Model;

namespace StsTools.Service;

/// <summary>
/// The engine's front door: one method per STS operation, taking and returning the module's own
/// types. Validates before any network call, reuses clients, maps every failure to an
/// <see cref="StsToolsException"/>.
/// </summary>
public sealed partial class StsService : IDisposable
{
    private readonly SourceCredentialResolver _resolver;
    private readonly StsClientPool _pool = new();

    /// <summary>Creates a service reading the given environment (the process's when null).</summary>
    public StsService(IEnvironmentVariables? environment = null)
    {
        Environment = environment ?? ProcessEnvironmentVariables.Instance;
        _resolver = new SourceCredentialResolver(Environment);
    }

    /// <summary>The instance the cmdlets share, so clients live as long as the PowerShell session.</summary>
    public static StsService Shared { get; } = new();

    /// <summary>The environment this service reads credentials from and writes them to.</summary>
    public IEnvironmentVariables Environment { get; }

    /// <summary>How many SDK clients this service has built so far.</summary>
    public int ClientsCreated => _pool.ClientsCreated;

    /// <summary>AssumeRole: temporary credentials for a role.</summary>
    public Task<AssumeRoleResponse> AssumeRoleAsync(AssumeRoleRequest request, ConnectionOptions connection, IStsLog? log = null, CancellationToken cancellationToken = default)
    {
        StsInputValidator.ValidateAssumeRole(request);
        var sessionName = request.RoleSessionName ?? SessionNames.Default();
        StsInputValidator.RoleSessionName(sessionName);
        var sdkRequest = new Sdk.AssumeRoleRequest
        {
            RoleArn = request.RoleArn,
            RoleSessionName = sessionName,
            Policy = request.Policy,
            DurationSeconds = request.DurationSeconds,
            ExternalId = request.ExternalId,
            SerialNumber = request.SerialNumber,
            TokenCode = request.TokenCode,
            SourceIdentity = request.SourceIdentity,
        };
        if (request.PolicyArns.Count > 0) sdkRequest.PolicyArns = request.PolicyArns.Select(p => new Sdk.PolicyDescriptorType { Arn = p.arn }).ToList();
        if (request.Tags.Count > 0) sdkRequest.Tags = request.Tags.Select(t => new Sdk.Tag { Key = t.Key, Value = t.Value }).ToList();
        if (request.TransitiveTagKeys.Count > 0) sdkRequest.TransitiveTagKeys = request.TransitiveTagKeys.ToList();
        if (request.ProvidedContexts.Count > 0)
            sdkRequest.ProvidedContexts = request.ProvidedContexts.Select(c => new Sdk.ProvidedContext { ProviderArn = c.ProviderArn, ContextAssertion = c.ContextAssertion }).ToList();

        log?.Verbose($"Assuming role {request.RoleArn} as session '{sessionName}'.");
        return CallAsync("AssumeRole", request.RoleArn, connection, log, true,
            (client, ct) => client.AssumeRoleAsync(sdkRequest, ct),
            r => new AssumeRoleResponse
            {
                Credentials = ResponseMapper.Map(r.Credentials),
                AssumedRoleUser = ResponseMapper.Map(r.AssumedRoleUser),
#pragma warning disable CS0618 // deprecated in the SDK, yet part of the STS response shape we mirror
                PackedPolicySize = r.PackedPolicySize ?? 0,
#pragma warning restore CS0618
                SourceIdentity = r.SourceIdentity,
                ResponseMetadata = ResponseMapper.Metadata(r),
            }, cancellationToken);
    }

    /// <summary>GetSessionToken: temporary credentials for the calling IAM user, optionally MFA-authenticated.</summary>
    public Task<GetSessionTokenResponse> GetSessionTokenAsync(GetSessionTokenRequest request, ConnectionOptions connection, IStsLog? log = null, CancellationToken cancellationToken = default)
    {
        StsInputValidator.ValidateGetSessionToken(request);
        var sdkRequest = new Sdk.GetSessionTokenRequest
        {
            DurationSeconds = request.DurationSeconds,
            SerialNumber = request.SerialNumber,
            TokenCode = request.TokenCode,
        };
        return CallAsync("GetSessionToken", request.SerialNumber, connection, log, true,
            (client, ct) => client.GetSessionTokenAsync(sdkRequest, ct),
            r => new GetSessionTokenResponse
            {
                Credentials = ResponseMapper.Map(r.Credentials),
                ResponseMetadata = ResponseMapper.Metadata(r),
            }, cancellationToken);
    }

    /// <summary>GetCallerIdentity: who the source credentials belong to.</summary>
    public Task<GetCallerIdentityResponse> GetCallerIdentityAsync(ConnectionOptions connection, IStsLog? log = null, CancellationToken cancellationToken = default) =>
        CallAsync("GetCallerIdentity", null, connection, log, true,
            (client, ct) => client.GetCallerIdentityAsync(new Sdk.GetCallerIdentityRequest(), ct),
            r => new GetCallerIdentityResponse
            {
                UserId = r.UserId ?? string.Empty,
                Account = r.Account ?? string.Empty,
                Arn = r.Arn ?? string.Empty,
                ResponseMetadata = ResponseMapper.Metadata(r),
            }, cancellationToken);

    /// <summary>
    /// Puts credentials into this service's environment (see <see cref="CredentialEnvironment.Apply"/>)
    /// and reports each change to <paramref name="log"/> without secrets.
    /// </summary>
    public System.Collections.Generic.IReadOnlyList<EnvironmentChange> SetEnvironment(Credentials credentials, string? region, IStsLog? log = null)
    {
        var changes = CredentialEnvironment.Apply(Environment, credentials, region);
        foreach (var change in changes) log?.Verbose(change.ToString());
        return changes;
    }

    private async Task<TResult> CallAsync<TSdk, TResult>(
        string operation, object? target, ConnectionOptions connection, IStsLog? log, bool signed,
        Func<StsClient, CancellationToken, Task<TSdk>> call, Func<TSdk, TResult> map, CancellationToken cancellationToken)
        where TSdk : Amazon.Runtime.AmazonWebServiceResponse
    {
        var resolved = _resolver.Resolve(connection, signed);
        var where = resolved.EndpointUrl ?? $"the {resolved.Region} regional endpoint";
        log?.Verbose($"{operation}: calling {where} (region {resolved.Region} from {resolved.RegionSource}) with credentials from {resolved.CredentialSource}.");
        var client = _pool.Get(resolved);
        TSdk response;
        try
        {
            response = await call(client, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var mapped = ErrorMapper.Map(ex, operation, target ?? where, where, SecretsOf(resolved));
            log?.Debug($"{operation} failed: {mapped.ErrorId} ({mapped.Category}).");
            throw mapped;
        }
        var result = map(response);
        log?.Debug($"{operation} succeeded: HTTP {(int)response.HttpStatusCode}, request id {response.ResponseMetadata?.RequestId}.");
        return result;
    }

    private static string[] SecretsOf(ResolvedConnection resolved)
    {
        try
        {
            var c = resolved.Credentials?.GetCredentials();
            return c is null ? new string[0] : new[] { c.SecretKey, c.Token };
        }
        catch (Exception)
        {
            return new string[0]; // credentials that cannot even be read have nothing to redact
        }
    }

    /// <summary>Disposes the pooled SDK clients.</summary>
    public void Dispose() => _pool.Dispose();
}
