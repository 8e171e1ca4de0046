using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using StsTools.Caching;
using StsTools.Connection;
using StsTools.Model;
using StsTools.Requests;
using StsTools.Validation;
using Sdk = Amazon.SecurityToken.Model;

namespace StsTools.Service;

public sealed partial class StsService
{
    /// <summary>AssumeRole: temporary credentials for a role.</summary>
    /// <remarks>
    /// Cached per (region, endpoint, source access key, role, session name, policies, tags,
    /// external id, MFA serial, source identity, duration): a cached session is returned until it
    /// comes within <see cref="Caching.CacheOptions.RefreshWindow"/> of expiry, so an MFA code is
    /// typed once per session, not once per command. <paramref name="forceRefresh"/> always calls STS.
    /// </remarks>
    public Task<AssumeRoleResponse> AssumeRoleAsync(AssumeRoleRequest request, ConnectionOptions connection, IStsLog? log = null, CancellationToken cancellationToken = default, bool forceRefresh = false)
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
        sdkRequest.PolicyArns = RequestMapper.Policies(request.PolicyArns);
        sdkRequest.Tags = RequestMapper.Tags(request.Tags);
        sdkRequest.TransitiveTagKeys = RequestMapper.Strings(request.TransitiveTagKeys);
        sdkRequest.ProvidedContexts = RequestMapper.ProvidedContexts(request.ProvidedContexts);

        log?.Verbose($"Assuming role {request.RoleArn} as session '{sessionName}'.");
        var keyMaterial = RequestKey.Of(request, KeyExcludes, new Dictionary<string, string?> { [nameof(AssumeRoleRequest.RoleSessionName)] = sessionName });
        var expectedArn = AssumedRoleArn(request.RoleArn, sessionName);
        // Through a role profile's MFA session the session itself is the MFA proof: the request
        // carries no serial or code (the serial stays in the cache key).
        if (connection?.FetchSource is not null) sdkRequest.SerialNumber = sdkRequest.TokenCode = null;
        return CachedCallAsync(new CachedCall<Sdk.AssumeRoleResponse, AssumeRoleResponse>("AssumeRole", request.RoleArn, keyMaterial,
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
            })
        {
            ForceRefresh = forceRefresh,
            BeforeFetch = () => { if (connection?.FetchSource is null) StsInputValidator.MfaPair(request.SerialNumber, request.TokenCode); },
            // A disk entry must be a session of the requested role and name, in its account, and
            // any cached one must last as long as asked for.
            Accept = cached => (expectedArn is null || string.Equals(cached.AssumedRoleUser.Arn, expectedArn, StringComparison.Ordinal))
                && LastsFor(cached, request.DurationSeconds),
        }, connection!, log, cancellationToken);
    }

    // arn:P:iam::A:role/path/Name as session S -> arn:P:sts::A:assumed-role/Name/S (null when the ARN is not of that shape).
    private static string? AssumedRoleArn(string? roleArn, string sessionName)
    {
        var parts = (roleArn ?? string.Empty).Split(':');
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "iam" || !parts[5].StartsWith("role/", StringComparison.Ordinal)) return null;
        var name = parts[5].Substring(parts[5].LastIndexOf('/') + 1);
        return $"arn:{parts[1]}:sts::{parts[4]}:assumed-role/{name}/{sessionName}";
    }
}
