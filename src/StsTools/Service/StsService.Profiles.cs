using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using StsTools.Connection;
using StsTools.Env;
using StsTools.Errors;
using StsTools.Model;
using StsTools.Profiles;
using StsTools.Requests;
using StsTools.Validation;

namespace StsTools.Service;

public sealed partial class StsService
{
    /// <summary>
    /// AssumeRole as a role profile of the shared config file describes it, the way the AWS CLI
    /// does: role_arn, source_profile (or credential_source), mfa_serial, external_id,
    /// duration_seconds, role_session_name and region. Values set on <paramref name="overrides"/>
    /// win over the profile's. Cached like <see cref="AssumeRoleAsync"/>.
    /// </summary>
    public Task<AssumeRoleResponse> AssumeRoleFromProfileAsync(string profileName, AssumeRoleRequest overrides, ConnectionOptions connection, IStsLog? log = null, CancellationToken cancellationToken = default, bool forceRefresh = false) =>
        AssumeRoleFromProfileAsync(profileName, overrides, connection, log, cancellationToken, forceRefresh, depth: 0);

    /// <summary>
    /// How long the MFA session shared by role profiles lasts when the profile has no
    /// <c>mfa_session_duration</c>: 43200 seconds, STS GetSessionToken's own default.
    /// </summary>
    public const int DefaultMfaSessionSeconds = 43200;

    // Chains deeper than this are almost certainly a source_profile cycle.
    private const int MaxProfileChain = 5;

    private async Task<AssumeRoleResponse> AssumeRoleFromProfileAsync(string profileName, AssumeRoleRequest overrides, ConnectionOptions connection, IStsLog? log, CancellationToken cancellationToken, bool forceRefresh, int depth)
    {
        if (overrides is null) throw new ArgumentNullException(nameof(overrides));
        if (depth > MaxProfileChain)
            throw new StsToolsException(ErrorIds.ProfileChainTooDeep, StsErrorCategory.InvalidData,
                $"Profile '{profileName}' is more than {MaxProfileChain} source_profile hops deep; check the chain for a cycle.", profileName);
        if (Input.ProfileNames.NotFoundMessage(profileName, Environment) is { } missing)
            throw new StsToolsException(ErrorIds.ProfileNotFound, StsErrorCategory.ObjectNotFound, missing, profileName);
        var profile = RoleProfile.Find(profileName, Environment)
            ?? throw new StsToolsException(ErrorIds.NotARoleProfile, StsErrorCategory.ObjectNotFound,
                $"Profile '{profileName}' has no role_arn in the shared config or credentials file, so there is no role to assume. Give -RoleArn to use it as the source profile instead.", profileName);
        var request = new AssumeRoleRequest
        {
            RoleArn = string.IsNullOrEmpty(overrides.RoleArn) ? profile.RoleArn : overrides.RoleArn,
            RoleSessionName = overrides.RoleSessionName ?? profile.RoleSessionName,
            PolicyArns = overrides.PolicyArns,
            Policy = overrides.Policy,
            DurationSeconds = overrides.DurationSeconds ?? profile.DurationSeconds,
            Tags = overrides.Tags,
            TransitiveTagKeys = overrides.TransitiveTagKeys,
            ExternalId = overrides.ExternalId ?? profile.ExternalId,
            SerialNumber = overrides.SerialNumber ?? profile.MfaSerial,
            TokenCode = overrides.TokenCode,
            SourceIdentity = overrides.SourceIdentity,
            ProvidedContexts = overrides.ProvidedContexts,
        };
        var resolved = (connection ?? new ConnectionOptions()).Clone();
        resolved.ProfileName = null;
        resolved.Region ??= profile.Region;
        resolved.ResolvedSource = await SourceOfAsync(profile, connection ?? new ConnectionOptions(), log, cancellationToken, depth).ConfigureAwait(false);
        // One MFA code for many roles, as aws-vault does: when the serial comes from the profile
        // and the source is an IAM user's long-term keys, one MFA session (GetSessionToken with the
        // code, cached like any session, on disk too when that is on) for that source and device
        // assumes every role that names them. The role session is still keyed by the long-term
        // source and the serial, so a cached role session needs neither the MFA session nor a code.
        if (overrides.SerialNumber is null && request.SerialNumber is { } serial && resolved.ResolvedSource.Value.Credentials is BasicAWSCredentials)
        {
            var longTerm = resolved.Clone();
            var code = request.TokenCode;
            var duration = profile.MfaSessionDuration ?? DefaultMfaSessionSeconds;
            var sourceName = profile.SourceProfile ?? profile.Name;
            resolved.FetchSource = async ct =>
            {
                var session = await GetSessionTokenCoreAsync(new GetSessionTokenRequest { SerialNumber = serial, TokenCode = code, DurationSeconds = duration },
                    longTerm, log, ct, forceRefresh: false, mustLastRequestedDuration: false).ConfigureAwait(false);
                var c = session.Credentials;
                log?.Verbose($"Profile '{profile.Name}': assuming {request.RoleArn} with the MFA session of profile '{sourceName}' for {serial}, valid until {c.Expiration.ToUniversalTime():u}; every role profile with that source and device uses it.");
                return (new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), $"the MFA session of profile '{sourceName}' ({serial})");
            };
        }
        log?.Verbose($"Profile '{profile.Name}': role {request.RoleArn} with source credentials from {resolved.ResolvedSource.Value.Description}.");
        try
        {
            return await AssumeRoleAsync(request, resolved, log, cancellationToken, forceRefresh).ConfigureAwait(false);
        }
        catch (StsValidationException ex) when (ex.ErrorId == ErrorIds.SerialNumberWithoutTokenCode && overrides.SerialNumber is null)
        {
            // The serial came from the profile: name the profile and the ways to give the code,
            // not parameters the user never typed.
            throw new StsValidationException(ex.ErrorId, "TokenCode",
                $"Profile '{profile.Name}' needs an MFA code from {request.SerialNumber} (its mfa_serial) and no cached session could serve it. " +
                $"Run this in an interactive session to be asked for the code, or first run: Use-StsRole -ProfileName {profile.Name} -TokenCode <code>. " +
                "Later calls then use the cached session until it expires (in every process of the user with the disk cache on: Set-StsCacheOption -DiskCache).",
                request.SerialNumber);
        }
    }

    /// <summary>
    /// When <see cref="ConnectionOptions.ProfileName"/> names a role profile, assumes its role the
    /// module's way (its session name, its cache, its MFA rules, -EndpointUrl) and returns options
    /// whose source is that session; otherwise returns <paramref name="connection"/> as it is. The
    /// SDK's own AssumeRoleAWSCredentials would use another session name, no cache and no prompt.
    /// </summary>
    private async Task<ConnectionOptions> ThroughRoleProfileAsync(string operation, ConnectionOptions connection, bool signed, IStsLog? log, CancellationToken cancellationToken)
    {
        // With another source as well, the resolver reports the conflict.
        if (!signed || connection is null || connection.ResolvedSource is not null
            || connection.AccessKey is not null || connection.SecretKey is not null || connection.Credential is not null) return connection!;
        var env = EnvironmentFor(connection);
        if (connection.ProfileName is not { } name)
        {
            // No source named: the key variables first (as the resolver reads them), then the
            // profile AWS_PROFILE names, or the default one, which may sign in through SSO.
            if (env.Get(Env.CredentialEnvironment.AccessKeyId) is not null && env.Get(Env.CredentialEnvironment.SecretAccessKey) is not null) return connection;
            var fromVariable = env.Get("AWS_PROFILE") is not null;
            var current = env.Get("AWS_PROFILE") ?? "default";
            var currentSection = Sso.SsoSettings.ProfileSection(current, env);
            // The SDK would otherwise fail on it with an assembly it cannot load (AWSSDK.Signin).
            RefuseLoginSession(current, currentSection, fromVariable ? " (from AWS_PROFILE)" : " (the default profile)");
            if (Sso.SsoSettings.ForProfile(current, currentSection, env) is not { } implicitSso) return connection;
            RefuseSessionOfSession(operation, current, "an SSO profile");
            return await ThroughSsoProfileAsync(current, implicitSso, connection, log, cancellationToken).ConfigureAwait(false);
        }
        // The profile's section is read once here, for both checks.
        var section = Sso.SsoSettings.ProfileSection(name, env);
        RefuseLoginSession(name, section, string.Empty);
        if (Sso.SsoSettings.ForProfile(name, section, env) is { } sso)
        {
            RefuseSessionOfSession(operation, name, "an SSO profile");
            return await ThroughSsoProfileAsync(name, sso, connection, log, cancellationToken).ConfigureAwait(false);
        }
        var profile = RoleProfile.Find(name, Environment);
        if (profile is null) return connection;
        if (operation is "GetSessionToken" or "GetFederationToken")
            throw new StsToolsException(ErrorIds.LongTermCredentialsRequired, StsErrorCategory.InvalidOperation,
                $"{operation} must be called with an IAM user's long-term keys, and profile '{name}' is a role profile (role_arn {profile.RoleArn}). " +
                (profile.SourceProfile is { } source ? $"Use -ProfileName {source} (its source_profile), or Use-StsRole -ProfileName {name} for the role's credentials." : $"Use Use-StsRole -ProfileName {name} for the role's credentials."),
                name);
        var role = await AssumeRoleFromProfileAsync(name, new AssumeRoleRequest { TokenCode = connection.ProfileTokenCode }, connection, log, cancellationToken).ConfigureAwait(false);
        var through = connection.Clone();
        through.Region ??= profile.Region;
        var c = role.Credentials;
        through.ResolvedSource = (new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), $"role profile '{name}' ({role.AssumedRoleUser.Arn})");
        return through;
    }

    /// <summary>
    /// Refuses a profile that signs in with login_session (aws login): the SDK would fail on it
    /// with an assembly it cannot load, wherever the profile is named (-ProfileName, AWS_PROFILE,
    /// the default profile, a source_profile).
    /// </summary>
    internal static void RefuseLoginSession(string name, IReadOnlyDictionary<string, string>? section, string how)
    {
        if (section is not null && section.ContainsKey("login_session"))
            throw new StsToolsException(ErrorIds.UnsupportedProfile, StsErrorCategory.InvalidOperation,
                $"Profile '{name}'{how} signs in with login_session (aws login), which StsModule does not support. Use an SSO profile (Connect-StsSso), a role profile, or run the AWS CLI with it.", name);
    }

    /// <summary>GetSessionToken and GetFederationToken take an IAM user's long-term keys, never a session's.</summary>
    private static void RefuseSessionOfSession(string operation, string name, string what)
    {
        if (operation is "GetSessionToken" or "GetFederationToken")
            throw new StsToolsException(ErrorIds.LongTermCredentialsRequired, StsErrorCategory.InvalidOperation,
                $"{operation} must be called with an IAM user's long-term keys, and profile '{name}' is {what}, whose credentials are a role session. " +
                $"Use Get-StsSsoRoleCredential -ProfileName {name} or Use-StsRole for temporary credentials.",
                name);
    }

    /// <summary>
    /// The ARN of role <paramref name="roleName"/> in account <paramref name="accountId"/>, in the
    /// partition of the region <paramref name="connection"/> resolves to (aws, aws-cn, aws-us-gov, ...),
    /// so a script that fans out over accounts never formats ARNs by hand. Checked before any call.
    /// </summary>
    public string RoleArnFor(string accountId, string roleName, ConnectionOptions connection)
    {
        accountId = accountId?.Trim()!; // lines of a text file may end in \r or blanks
        StsInputValidator.AccountId(accountId);
        StsInputValidator.RoleName(roleName);
        var region = ResolverFor(connection).Resolve(connection ?? new ConnectionOptions(), requireCredentials: false).Region;
        return $"arn:{Input.StsRegions.PartitionOf(region)}:iam::{accountId}:role/{roleName.TrimStart('/')}";
    }

    private async Task<(AWSCredentials, string)> SourceOfAsync(RoleProfile profile, ConnectionOptions connection, IStsLog? log, CancellationToken cancellationToken, int depth)
    {
        if (profile.CredentialSource is { } source)
        {
            switch (source.ToLowerInvariant())
            {
                case "environment":
                    var env = EnvironmentFor(connection);
                    var key = env.Get(CredentialEnvironment.AccessKeyId);
                    var secret = env.Get(CredentialEnvironment.SecretAccessKey);
                    if (key is null || secret is null)
                        throw new StsToolsException(ErrorIds.CredentialsNotFound, StsErrorCategory.AuthenticationError,
                            $"Profile '{profile.Name}' takes its source credentials from the environment, but AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not set.", profile.Name);
                    var token = env.Get(CredentialEnvironment.SessionToken);
                    return (token is null ? new BasicAWSCredentials(key, secret) : new SessionAWSCredentials(key, secret, token), "the environment variables");
                case "ec2instancemetadata":
                    return (SourceCredentialResolver.Provider(() => new InstanceProfileAWSCredentials(), "EC2 instance metadata"), "EC2 instance metadata");
                case "ecscontainer":
                    return (SourceCredentialResolver.Provider(() => new GenericContainerCredentials(), "the ECS container endpoint"), "the ECS container endpoint");
                default:
                    throw new StsToolsException(ErrorIds.InvalidProfile, StsErrorCategory.InvalidData,
                        $"Profile '{profile.Name}' has credential_source '{source}'; use Environment, Ec2InstanceMetadata or EcsContainer.", profile.Name);
            }
        }
        var sourceProfile = profile.SourceProfile!;
        // A profile that names itself as source (or a plain key profile) signs with its static keys.
        if (sourceProfile == profile.Name || RoleProfile.Find(sourceProfile, Environment) is null)
        {
            if (RoleProfile.StaticKeys(sourceProfile, Environment) is { } keys)
                return (keys.SessionToken is null ? new BasicAWSCredentials(keys.AccessKey, keys.SecretKey) : new SessionAWSCredentials(keys.AccessKey, keys.SecretKey, keys.SessionToken),
                        $"profile '{sourceProfile}'");
            if (sourceProfile == profile.Name)
                throw new StsToolsException(ErrorIds.ProfileNotFound, StsErrorCategory.ObjectNotFound, $"Profile '{profile.Name}' names itself as source_profile but has no keys.", profile.Name);
        }
        // A role profile as source: assume it first, through this module (same endpoint, same cache).
        if (sourceProfile != profile.Name && RoleProfile.Find(sourceProfile, Environment) is not null)
        {
            var inner = await AssumeRoleFromProfileAsync(sourceProfile, new AssumeRoleRequest(), connection, log, cancellationToken, false, depth + 1).ConfigureAwait(false);
            var c = inner.Credentials;
            return (new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), $"role profile '{sourceProfile}' ({inner.AssumedRoleUser.Arn})");
        }
        RefuseLoginSession(sourceProfile, Sso.SsoSettings.ProfileSection(sourceProfile, EnvironmentFor(connection)), $" (the source_profile of profile '{profile.Name}')");
        // An SSO profile as source (a role chained from an SSO role): through this module's SSO.
        if (await ThroughSsoProfileAsync(sourceProfile, connection, log, cancellationToken).ConfigureAwait(false) is { ResolvedSource: { } sso })
            return (sso.Credentials, sso.Description);
        // credential_process and other sources: the SDK resolves those.
        if (!ProfileStore.TryGetAWSCredentials(sourceProfile, Environment, out var sdkCredentials))
            throw new StsToolsException(ErrorIds.ProfileNotFound, StsErrorCategory.ObjectNotFound,
                $"Profile '{profile.Name}' names source_profile '{sourceProfile}', which was not found or has no usable credentials.", sourceProfile);
        return (sdkCredentials, $"profile '{sourceProfile}'");
    }
}
