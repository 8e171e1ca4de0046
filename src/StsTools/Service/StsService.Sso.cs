using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Amazon.SSO;
using Amazon.SSOOIDC;
using Amazon.SSOOIDC.Model;
using StsTools.Caching;
using StsTools.Connection;
using StsTools.Errors;
using StsTools.Model;
using StsTools.Sso;

namespace StsTools.Service;

/// <summary>
/// What a sign-in shows the user: where to go and, for a device sign-in, the code to confirm
/// there; for the authorization code sign-in, the address to open in a browser on this machine.
/// </summary>
public sealed class SsoDeviceAuthorization
{
    /// <summary>Creates it.</summary>
    public SsoDeviceAuthorization(string? userCode, string verificationUri, string? verificationUriComplete, TimeSpan expiresIn) =>
        (UserCode, VerificationUri, VerificationUriComplete, ExpiresIn) = (userCode, verificationUri, verificationUriComplete, expiresIn);

    /// <summary>The code the user confirms in the browser; null for the authorization code sign-in, which has none.</summary>
    public string? UserCode { get; }

    /// <summary>Where to confirm it.</summary>
    public string VerificationUri { get; }

    /// <summary>The same with the code filled in (what a browser is opened at).</summary>
    public string? VerificationUriComplete { get; }

    /// <summary>How long the code is good for.</summary>
    public TimeSpan ExpiresIn { get; }
}

// IAM Identity Center: the OIDC sign-in (device authorization) and token refresh, the portal's
// account, role and role-credential calls, and SSO profiles as a credential source. Tokens live
// in the AWS CLI's token cache (SsoTokenCache), so a sign-in of either serves both.
public sealed partial class StsService
{
    /// <summary>An access token this close to its end is refreshed first (botocore's window).</summary>
    public static readonly TimeSpan SsoRefreshWindow = TimeSpan.FromMinutes(15);

    // The grant types a device sign-in's client registration asks for.
    private const string DeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code";
    private const string RefreshTokenGrant = "refresh_token";

    // One refresh or sign-in per token file at a time in this process.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> _ssoTokenGates = new(StringComparer.Ordinal);

    /// <summary>
    /// The SSO settings a command names: <paramref name="profileName"/> (an SSO profile), else
    /// <paramref name="sessionName"/> (an sso-session section), else <paramref name="startUrl"/>
    /// with <paramref name="region"/>. Checked before any network call.
    /// </summary>
    public SsoSettings SsoSettingsFor(string? profileName, string? sessionName, string? startUrl, string? region, ConnectionOptions? connection = null)
    {
        var env = EnvironmentFor(connection);
        if (!string.IsNullOrEmpty(profileName))
        {
            var section = SsoSettings.ProfileSection(profileName!, env);
            RefuseLoginSession(profileName!, section, string.Empty);
            if (SsoSettings.ForProfile(profileName!, section, env) is { } fromProfile) return fromProfile;
            if (Input.ProfileNames.NotFoundMessage(profileName!, env) is { } missing)
                throw new StsToolsException(ErrorIds.ProfileNotFound, StsErrorCategory.ObjectNotFound,
                    missing + " Give an SSO profile, -SsoSession, or -StartUrl with -SsoRegion.", profileName);
            throw new StsToolsException(ErrorIds.NotAnSsoProfile, StsErrorCategory.InvalidArgument,
                $"Profile '{profileName}' has no sso_session or sso_start_url, so it does not sign in through IAM Identity Center. Give an SSO profile, -SsoSession, or -StartUrl with -SsoRegion.", profileName);
        }
        if (!string.IsNullOrEmpty(sessionName)) return SsoSettings.ForSession(sessionName!, env);
        if (!string.IsNullOrEmpty(startUrl))
        {
            if (string.IsNullOrEmpty(region))
                throw new StsValidationException(ErrorIds.MissingSsoRegion, "SsoRegion", "-StartUrl needs -SsoRegion, the region of IAM Identity Center (for example us-east-1).", startUrl);
            return SsoSettings.ForStartUrl(startUrl!, region!);
        }
        // Nothing named: the profile AWS_PROFILE names, else the default one, as every other cmdlet.
        var current = env.Get("AWS_PROFILE") ?? "default";
        if (SsoSettings.ForProfile(current, env) is { } fromProfile2) return fromProfile2;
        throw new StsValidationException(ErrorIds.SsoTargetRequired, "ProfileName",
            "Name the IAM Identity Center sign-in: -ProfileName of an SSO profile, -SsoSession, or -StartUrl with -SsoRegion.", null);
    }

    /// <summary>The sign-in the token cache holds for <paramref name="settings"/>, or null.</summary>
    public SsoSignIn? SsoSignInOf(SsoSettings settings)
    {
        var path = SsoTokenCache.PathOf(settings);
        return SsoTokenCache.Read(path) is { } token ? Describe(settings, token, path) : null;
    }

    /// <summary>
    /// Signs in: with the device authorization flow (the default: registers a client or reuses a
    /// still-valid registration, starts the authorization, hands the code to <paramref name="show"/>,
    /// polls at the interval given, slower on slow_down, until the user confirms, the code expires
    /// or <paramref name="cancellationToken"/> stops it), or with <paramref name="authorizationCode"/>
    /// the authorization code flow with PKCE and a loopback redirect, as `aws sso login` does by
    /// default; then writes the token cache. A token still valid beyond the refresh window is kept
    /// unless <paramref name="force"/>.
    /// </summary>
    public async Task<SsoSignIn> ConnectSsoAsync(SsoSettings settings, ConnectionOptions connection, Action<SsoDeviceAuthorization> show, IStsLog? log, CancellationToken cancellationToken, bool force = false, bool authorizationCode = false)
    {
        var path = SsoTokenCache.PathOf(settings);
        var gate = _ssoTokenGates.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var cached = SsoTokenCache.Read(path);
            if (!force && cached is not null && cached.ExpiresAt - DateTime.UtcNow > SsoRefreshWindow)
            {
                log?.Verbose($"Already signed in to {settings.DisplayName} until {cached.ExpiresAt:u} (-Force signs in again).");
                return Describe(settings, cached, path);
            }
            SsoTokenCache.EnsureWritable(path, settings.DisplayName);
            using var oidc = OidcClient(settings, connection, log);
            var token = authorizationCode
                ? await AuthorizationCodeTokenAsync(settings, oidc, show, log, cancellationToken).ConfigureAwait(false)
                : await DeviceCodeTokenAsync(settings, oidc, cached, show, log, cancellationToken).ConfigureAwait(false);
            SsoTokenCache.Write(path, token);
            ForgetSsoRoleCredentials(settings, log);
            log?.Progress("Signing in to IAM Identity Center", "Done", completed: true);
            log?.Verbose($"Signed in to {settings.DisplayName} until {token.ExpiresAt:u}; the token is in {path}.");
            return Describe(settings, token, path);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<SsoToken> DeviceCodeTokenAsync(SsoSettings settings, AmazonSSOOIDCClient oidc, SsoToken? cached, Action<SsoDeviceAuthorization> show, IStsLog? log, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        // A still-valid device registration: the AWS CLI's registration cache's, else the token's.
        var shared = SsoRegistrationCache.Read(SsoRegistrationCache.PathOf(settings)) is { } r && r.Valid(now) && !r.ForAuthorizationCode ? r : null;
        var reused = shared is not null || cached is not null && cached.HasRegistration(now);
        (string ClientId, string ClientSecret, DateTime ExpiresAt) registration = shared is not null ? (shared.ClientId, shared.ClientSecret, shared.ExpiresAt)
            : reused ? (cached!.ClientId!, cached.ClientSecret!, cached.RegistrationExpiresAt!.Value)
            : await RegisterAsync(settings, oidc, authorizationCode: false, log, cancellationToken).ConfigureAwait(false);
        if (reused) log?.Verbose($"Reusing the client registration of {settings.DisplayName} (valid until {registration.ExpiresAt:u}).");
        StartDeviceAuthorizationResponse device;
        try
        {
            device = await StartDeviceAsync(oidc, registration.ClientId, registration.ClientSecret, settings, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (reused && ex is UnauthorizedClientException or InvalidClientException)
        {
            // The reused registration is for another flow (an authorization code sign-in's), or the
            // service no longer knows it: a new one.
            log?.Verbose($"The cached client registration of {settings.DisplayName} is not for device sign-in; registering another.");
            registration = await RegisterAsync(settings, oidc, authorizationCode: false, log, cancellationToken).ConfigureAwait(false);
            device = await StartDeviceAsync(oidc, registration.ClientId, registration.ClientSecret, settings, cancellationToken).ConfigureAwait(false);
        }
        var (clientId, clientSecret, registrationExpires) = registration;
        var expiresIn = TimeSpan.FromSeconds(device.ExpiresIn ?? 600);
        show(new SsoDeviceAuthorization(device.UserCode, device.VerificationUri, device.VerificationUriComplete, expiresIn));
        var interval = TimeSpan.FromSeconds(Math.Max(1, device.Interval ?? 5));
        var deadline = DateTime.UtcNow + expiresIn;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
            if (DateTime.UtcNow > deadline) throw SignInExpired(settings);
            try
            {
                var created = await oidc.CreateTokenAsync(new CreateTokenRequest
                {
                    ClientId = clientId,
                    ClientSecret = clientSecret,
                    GrantType = DeviceCodeGrant,
                    DeviceCode = device.DeviceCode,
                }, cancellationToken).ConfigureAwait(false);
                return TokenOf(settings, created, clientId, clientSecret, registrationExpires);
            }
            catch (AuthorizationPendingException)
            {
                log?.Progress("Signing in to IAM Identity Center", $"Waiting for code {device.UserCode} to be confirmed at {device.VerificationUri} ({waited.Elapsed.TotalSeconds:0} s)");
            }
            catch (SlowDownException)
            {
                interval += TimeSpan.FromSeconds(5);
                log?.Verbose($"IAM Identity Center asked to poll more slowly: every {interval.TotalSeconds:0} s.");
            }
            catch (Amazon.SSOOIDC.Model.ExpiredTokenException)
            {
                throw SignInExpired(settings);
            }
            catch (Amazon.SSOOIDC.Model.AccessDeniedException ex)
            {
                throw SignInDenied(settings, ExchangeLimits.Truncate(ex.Message), ex);
            }
            catch (AmazonServiceException ex)
            {
                throw MapSso(ex, "CreateToken", settings);
            }
        }
    }

    private static Task<StartDeviceAuthorizationResponse> StartDeviceAsync(AmazonSSOOIDCClient oidc, string clientId, string clientSecret, SsoSettings settings, CancellationToken cancellationToken) =>
        oidc.StartDeviceAuthorizationAsync(new StartDeviceAuthorizationRequest
        {
            ClientId = clientId,
            ClientSecret = clientSecret,
            StartUrl = settings.StartUrl,
        }, cancellationToken);

    // Registers a client for the device or the authorization code flow and keeps the registration
    // in the AWS CLI's registration cache, as aws sso login does, for either tool to reuse.
    private static async Task<(string ClientId, string ClientSecret, DateTime ExpiresAt)> RegisterAsync(SsoSettings settings, AmazonSSOOIDCClient oidc, bool authorizationCode, IStsLog? log, CancellationToken cancellationToken)
    {
        var grants = authorizationCode ? new List<string> { AuthorizationCodeGrant, RefreshTokenGrant } : new List<string> { DeviceCodeGrant, RefreshTokenGrant };
        var registered = await SsoCall("RegisterClient", settings, () => oidc.RegisterClientAsync(new RegisterClientRequest
        {
            ClientName = "StsModule-" + System.Environment.MachineName,
            ClientType = "public",
            Scopes = new List<string>(settings.Scopes),
            GrantTypes = grants,
            RedirectUris = authorizationCode ? new List<string> { LoopbackRedirect.RegisteredRedirectUri } : null,
            IssuerUrl = authorizationCode ? settings.StartUrl : null,
        }, cancellationToken)).ConfigureAwait(false);
        var expires = registered.ClientSecretExpiresAt is long at && at > 0 ? DateTimeOffset.FromUnixTimeSeconds(at).UtcDateTime : DateTime.UtcNow.AddDays(90);
        log?.Verbose($"Registered a client with {settings.DisplayName} (valid until {expires:u}).");
        var file = SsoRegistrationCache.PathOf(settings);
        try
        {
            SsoRegistrationCache.Write(file, new SsoRegistration
            {
                ClientId = registered.ClientId,
                ClientSecret = registered.ClientSecret,
                ExpiresAt = expires,
                Scopes = authorizationCode || settings.ConfiguredScopes is not null ? settings.Scopes : null,
                GrantTypes = authorizationCode ? grants : null,
            });
        }
        catch (Exception ex) when (ex is StsToolsException or System.IO.IOException or UnauthorizedAccessException)
        {
            // Only a cache: the sign-in goes on; the next one registers again.
            log?.Warning($"The client registration could not be kept in '{file}' ({ExchangeLimits.Truncate(ex.Message)}); the sign-in goes on, and the next one registers a client again.");
        }
        return (registered.ClientId, registered.ClientSecret, expires);
    }

    private static SsoToken TokenOf(SsoSettings settings, CreateTokenResponse created, string clientId, string clientSecret, DateTime registrationExpires) => new()
    {
        StartUrl = settings.StartUrl,
        Region = settings.Region,
        AccessToken = created.AccessToken,
        ExpiresAt = DateTime.UtcNow.AddSeconds(created.ExpiresIn ?? 3600),
        RefreshToken = created.RefreshToken,
        ClientId = clientId,
        ClientSecret = clientSecret,
        RegistrationExpiresAt = registrationExpires,
    };

    private static StsToolsException SignInDenied(SsoSettings settings, string why, Exception? inner = null) =>
        new(ErrorIds.SsoSignInDenied, StsErrorCategory.PermissionDenied, $"The sign-in to {settings.DisplayName} was denied: {why}", settings.DisplayName, inner);

    /// <summary>
    /// Signs out: the portal's Logout with the cached token (when it is still valid), then the
    /// token cache file removed. Returns false when there was no sign-in.
    /// </summary>
    public async Task<bool> DisconnectSsoAsync(SsoSettings settings, ConnectionOptions connection, IStsLog? log, CancellationToken cancellationToken)
    {
        var path = SsoTokenCache.PathOf(settings);
        var token = SsoTokenCache.Read(path);
        if (token is not null && token.ExpiresAt > DateTime.UtcNow)
        {
            using var portal = PortalClient(settings, connection, log);
            try
            {
                await portal.LogoutAsync(new Amazon.SSO.Model.LogoutRequest { AccessToken = token.AccessToken }, cancellationToken).ConfigureAwait(false);
                log?.Verbose($"Signed out of {settings.DisplayName} at the portal.");
            }
            catch (Amazon.SSO.Model.UnauthorizedException)
            {
                log?.Verbose($"The portal no longer knew the token of {settings.DisplayName}.");
            }
            catch (AmazonServiceException ex)
            {
                throw MapSso(ex, "Logout", settings);
            }
        }
        var removed = SsoTokenCache.Delete(path);
        if (removed) log?.Verbose($"Removed the cached token {path}.");
        ForgetSsoRoleCredentials(settings, log);
        return removed || token is not null;
    }

    // The role credentials cached from a sign-in go with it (as aws sso logout removes the AWS
    // CLI's): at sign-out, and when a new sign-in (perhaps as someone else) replaces it.
    private void ForgetSsoRoleCredentials(SsoSettings settings, IStsLog? log)
    {
        var forgotten = _cache.Remove<SsoRoleCredentials>("GetRoleCredentials", c => c.StartUrl == settings.StartUrl);
        if (forgotten > 0) log?.Verbose($"Removed {forgotten} cached role credential(s) of {settings.DisplayName} from the disk cache.");
    }

    /// <summary>Every account the signed-in user can reach (ListAccounts, every page).</summary>
    public async Task<IReadOnlyList<SsoAccount>> ListSsoAccountsAsync(SsoSettings settings, ConnectionOptions connection, IStsLog? log, CancellationToken cancellationToken)
    {
        var accessToken = await SsoAccessTokenAsync(settings, connection, log, cancellationToken).ConfigureAwait(false);
        using var portal = PortalClient(settings, connection, log);
        var accounts = new List<SsoAccount>();
        string? next = null;
        do
        {
            var page = await SsoCall("ListAccounts", settings, () => portal.ListAccountsAsync(new Amazon.SSO.Model.ListAccountsRequest { AccessToken = accessToken, NextToken = next }, cancellationToken)).ConfigureAwait(false);
            foreach (var a in page.AccountList ?? new List<Amazon.SSO.Model.AccountInfo>())
                accounts.Add(new SsoAccount
                {
                    AccountId = a.AccountId ?? string.Empty, AccountName = a.AccountName ?? string.Empty, EmailAddress = a.EmailAddress ?? string.Empty,
                    ProfileName = settings.ProfileName, SsoSession = settings.SessionName, StartUrl = settings.StartUrl, SsoRegion = settings.Region,
                });
            next = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (next is not null);
        log?.Verbose($"ListAccounts: {accounts.Count} account(s) through {settings.DisplayName}.");
        return accounts;
    }

    /// <summary>Every role of an account the signed-in user can use (ListAccountRoles, every page).</summary>
    public async Task<IReadOnlyList<SsoRole>> ListSsoRolesAsync(SsoSettings settings, string accountId, ConnectionOptions connection, IStsLog? log, CancellationToken cancellationToken)
    {
        Validation.StsInputValidator.AccountId(accountId);
        var accessToken = await SsoAccessTokenAsync(settings, connection, log, cancellationToken).ConfigureAwait(false);
        using var portal = PortalClient(settings, connection, log);
        var roles = new List<SsoRole>();
        string? next = null;
        do
        {
            var page = await SsoCall("ListAccountRoles", settings, () => portal.ListAccountRolesAsync(new Amazon.SSO.Model.ListAccountRolesRequest { AccessToken = accessToken, AccountId = accountId, NextToken = next }, cancellationToken), accountId).ConfigureAwait(false);
            foreach (var r in page.RoleList ?? new List<Amazon.SSO.Model.RoleInfo>())
                roles.Add(new SsoRole
                {
                    AccountId = r.AccountId ?? accountId, RoleName = r.RoleName ?? string.Empty,
                    ProfileName = settings.ProfileName, SsoSession = settings.SessionName, StartUrl = settings.StartUrl, SsoRegion = settings.Region,
                });
            next = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (next is not null);
        return roles;
    }

    /// <summary>
    /// The credentials of <paramref name="roleName"/> in <paramref name="accountId"/> through IAM
    /// Identity Center (GetRoleCredentials), cached like any session (memory, and disk when on),
    /// keyed on the portal, the sign-in, the account and the role.
    /// </summary>
    public async Task<SsoRoleCredentials> GetSsoRoleCredentialsAsync(SsoSettings settings, string accountId, string roleName, ConnectionOptions connection, IStsLog? log, CancellationToken cancellationToken, bool force = false)
    {
        accountId = accountId?.Trim() ?? string.Empty;
        Validation.StsInputValidator.AccountId(accountId);
        if (string.IsNullOrWhiteSpace(roleName))
            throw new StsValidationException(ErrorIds.MissingRoleName, "RoleName", "Give the role's name (the permission set's), for example -RoleName ReadOnly.", accountId);
        Validation.StsInputValidator.RoleName(roleName);
        // Signed out (here, or by aws sso logout, which removes the token file): nothing is served.
        var path = SsoTokenCache.PathOf(settings);
        if (!System.IO.File.Exists(path)) throw NoSignIn(settings, path);
        var (endpoint, _) = SsoEndpoint(EndpointResolver.SsoPortal, settings, connection, null);
        // Keyed on the portal, the sign-in, the account and the role, as botocore keys its own: a
        // refreshed token still finds the credentials, and they serve while they last even when the
        // sign-in can no longer be refreshed. Signing out or in again removes them.
        var key = string.Join("\n", endpoint ?? settings.Region, settings.StartUrl, settings.SessionName ?? string.Empty, accountId, roleName);
        var result = await _cache.GetOrFetchAsync("GetRoleCredentials", key, force, async () =>
        {
            var accessToken = await SsoAccessTokenAsync(settings, connection, log, cancellationToken).ConfigureAwait(false);
            using var portal = PortalClient(settings, connection, log);
            var response = await SsoCall("GetRoleCredentials", settings, () => portal.GetRoleCredentialsAsync(new Amazon.SSO.Model.GetRoleCredentialsRequest
            {
                AccessToken = accessToken,
                AccountId = accountId,
                RoleName = roleName,
            }, cancellationToken), $"{accountId}/{roleName}").ConfigureAwait(false);
            var c = response.RoleCredentials ?? throw new StsToolsException(ErrorIds.InvalidResponse, StsErrorCategory.ProtocolError, "GetRoleCredentials answered without credentials.", $"{accountId}/{roleName}");
            var credentials = new Credentials
            {
                AccessKeyId = c.AccessKeyId ?? string.Empty,
                SecretAccessKey = c.SecretAccessKey ?? string.Empty,
                SessionToken = c.SessionToken ?? string.Empty,
                Expiration = c.Expiration is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime : DateTime.UtcNow.AddHours(1),
            };
            Storage.CredentialValues.Check(credentials, "accepted from IAM Identity Center");
            log?.Verbose($"GetRoleCredentials: {accountId}/{roleName} through {settings.DisplayName} (access key {SourceCredentialResolver.MaskKey(credentials.AccessKeyId)}, until {credentials.Expiration.ToUniversalTime():u}).");
            return new SsoRoleCredentials { AccountId = accountId, RoleName = roleName, Credentials = credentials, SsoSession = settings.SessionName, StartUrl = settings.StartUrl, SsoRegion = settings.Region };
        }, log, cancellationToken).ConfigureAwait(false);
        // The profile's region, never sso_region (where IAM Identity Center lives): without one the
        // environment's region stands, as for the AWS CLI and boto3.
        return Remember(result, settings.ProfileRegion);
    }

    /// <summary>
    /// A valid access token for <paramref name="settings"/> from the token cache: refreshed (and
    /// saved back, as the AWS CLI does) when it is within the refresh window and can be; otherwise
    /// a SsoSignInRequired error naming the sign-in and the command, before any network call.
    /// </summary>
    internal async Task<string> SsoAccessTokenAsync(SsoSettings settings, ConnectionOptions connection, IStsLog? log, CancellationToken cancellationToken)
    {
        var path = SsoTokenCache.PathOf(settings);
        var token = SsoTokenCache.Read(path) ?? throw NoSignIn(settings, path);
        if (token.ExpiresAt - DateTime.UtcNow > SsoRefreshWindow) return token.AccessToken;
        var gate = _ssoTokenGates.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another call may have refreshed it while this one waited.
            token = SsoTokenCache.Read(path) ?? throw NoSignIn(settings, path);
            var now = DateTime.UtcNow;
            if (token.ExpiresAt - now > SsoRefreshWindow) return token.AccessToken;
            if (!token.CanRefresh(now))
            {
                if (token.ExpiresAt > now) return token.AccessToken;
                throw SignInRequired(settings, $"its sign-in ended at {token.ExpiresAt:u} and cannot be refreshed ({(string.IsNullOrEmpty(token.RefreshToken) ? "no refresh token" : "the client registration has ended")})");
            }
            try
            {
                using var oidc = OidcClient(settings, connection, log);
                var created = await oidc.CreateTokenAsync(new CreateTokenRequest
                {
                    ClientId = token.ClientId,
                    ClientSecret = token.ClientSecret,
                    GrantType = RefreshTokenGrant,
                    RefreshToken = token.RefreshToken,
                }, cancellationToken).ConfigureAwait(false);
                token.AccessToken = created.AccessToken;
                token.ExpiresAt = DateTime.UtcNow.AddSeconds(created.ExpiresIn ?? 3600);
                if (!string.IsNullOrEmpty(created.RefreshToken)) token.RefreshToken = created.RefreshToken;
                token.StartUrl = settings.StartUrl;
                token.Region = settings.Region;
                SsoTokenCache.Write(path, token);
                log?.Verbose($"Refreshed the IAM Identity Center token of {settings.DisplayName} (until {token.ExpiresAt:u}).");
                return token.AccessToken;
            }
            catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or System.Net.Http.HttpRequestException)
            {
                // A refresh token serves once: another process (a job, a second pwsh, the AWS CLI)
                // may have used it a moment ago and written the new token. Take that one.
                if (SsoTokenCache.Read(path) is { } newer && newer.AccessToken != token.AccessToken && newer.ExpiresAt > DateTime.UtcNow)
                {
                    log?.Verbose($"Another process refreshed the IAM Identity Center token of {settings.DisplayName}; using its token (until {newer.ExpiresAt:u}).");
                    return newer.AccessToken;
                }
                if (token.ExpiresAt > DateTime.UtcNow)
                {
                    log?.Warning($"The IAM Identity Center token of {settings.DisplayName} could not be refreshed ({ex.Message}); using it until it ends at {token.ExpiresAt:u}.");
                    return token.AccessToken;
                }
                throw SignInRequired(settings, $"its refresh failed ({(ex is AmazonServiceException service && !string.IsNullOrEmpty(service.ErrorCode) ? service.ErrorCode : ExchangeLimits.Truncate(ex.Message))})");
            }
        }
        finally
        {
            gate.Release();
        }
    }

    // An SSO profile as the source of a call: its role credentials through IAM Identity Center
    // (cached), as options whose source is those credentials; null when the profile is not one.
    private async Task<ConnectionOptions?> ThroughSsoProfileAsync(string profileName, ConnectionOptions connection, IStsLog? log, CancellationToken cancellationToken) =>
        SsoSettings.ForProfile(profileName, EnvironmentFor(connection)) is { } settings
            ? await ThroughSsoProfileAsync(profileName, settings, connection, log, cancellationToken).ConfigureAwait(false)
            : null;

    private async Task<ConnectionOptions> ThroughSsoProfileAsync(string profileName, SsoSettings settings, ConnectionOptions connection, IStsLog? log, CancellationToken cancellationToken)
    {
        if (settings.AccountId is null || settings.RoleName is null)
            throw new StsToolsException(ErrorIds.InvalidProfile, StsErrorCategory.InvalidData,
                $"Profile '{profileName}' signs in through {settings.DisplayName} but has no {(settings.AccountId is null ? "sso_account_id" : "sso_role_name")}: it can sign in (Connect-StsSso) but not give credentials. Add sso_account_id and sso_role_name, or use Get-StsSsoRoleCredential.",
                profileName);
        var role = await GetSsoRoleCredentialsAsync(settings, settings.AccountId, settings.RoleName, connection, log, cancellationToken).ConfigureAwait(false);
        // The region stays the resolver's to find (the profile's region, named as such).
        var through = connection.Clone();
        var c = role.Credentials;
        through.ResolvedSource = (new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), $"SSO profile '{profileName}' ({settings.AccountId}/{settings.RoleName})");
        return through;
    }

    private AmazonSSOOIDCClient OidcClient(SsoSettings settings, ConnectionOptions connection, IStsLog? log) =>
        new(new AnonymousAWSCredentials(), SsoClientConfig(new AmazonSSOOIDCConfig(), EndpointResolver.SsoOidc, settings, connection, log));

    private AmazonSSOClient PortalClient(SsoSettings settings, ConnectionOptions connection, IStsLog? log) =>
        new(new AnonymousAWSCredentials(), SsoClientConfig(new AmazonSSOConfig(), EndpointResolver.SsoPortal, settings, connection, log));

    // Unsigned clients (the sign-in and the portal take bearer tokens, not SigV4) in the sign-in's
    // region, with the call's time-out and the endpoint resolved by the module.
    private T SsoClientConfig<T>(T config, EndpointResolver.Service service, SsoSettings settings, ConnectionOptions connection, IStsLog? log) where T : ClientConfig
    {
        Profiles.SharedFiles.EnsureFitForReading(Env.ProcessEnvironmentVariables.Instance);
        config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        config.Timeout = ResolverFor(connection).Timeout(connection);
        config.IgnoreConfiguredEndpointUrls = true; // resolved here, checked for plain http
        config.AllowAutoRedirect = false;           // tokens never follow a redirect elsewhere
        var (url, source) = SsoEndpoint(service, settings, connection, log);
        config.HttpClientFactory = new BoundedHttpClientFactory(url, config.Timeout ?? SourceCredentialResolver.DefaultTimeout);
        if (url is null) return config;
        config.ServiceURL = url;
        config.AuthenticationRegion = settings.Region;
        log?.Verbose($"Calling {service.Name} at {url} (from {source}).");
        return config;
    }

    // AWS_ENDPOINT_URL_SSO(_OIDC), AWS_ENDPOINT_URL, the profile's services section and endpoint_url;
    // plain http only to this machine (unless -AllowInsecureEndpoint), as for STS.
    private (string? Url, string Source) SsoEndpoint(EndpointResolver.Service service, SsoSettings settings, ConnectionOptions connection, IStsLog? log)
    {
        var options = connection.Clone();
        options.EndpointUrl = null;
        options.ProfileName = settings.ProfileName ?? connection.ProfileName;
        return EndpointResolver.Resolve(service, options, EnvironmentFor(connection), SourceCredentialResolver.FindProfile, w => log?.Warning(w));
    }

    private static async Task<T> SsoCall<T>(string operation, SsoSettings settings, Func<Task<T>> call, string? target = null)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AmazonServiceException ex)
        {
            throw MapSso(ex, operation, settings, target);
        }
        catch (AmazonClientException ex)
        {
            throw new StsToolsException(ErrorIds.EndpointConnectionFailed, StsErrorCategory.ConnectionError,
                $"{operation}: could not reach IAM Identity Center for {settings.DisplayName}: {ExchangeLimits.Truncate(ex.Message)}", target ?? settings.DisplayName, ex);
        }
        catch (Exception ex) when (ex is System.Net.Http.HttpRequestException or System.IO.IOException or System.Net.Sockets.SocketException)
        {
            throw new StsToolsException(ErrorIds.EndpointConnectionFailed, StsErrorCategory.ConnectionError,
                $"{operation}: could not reach IAM Identity Center for {settings.DisplayName}: {ExchangeLimits.Truncate(ex.Message)}", target ?? settings.DisplayName, ex);
        }
    }

    private static StsToolsException MapSso(AmazonServiceException ex, string operation, SsoSettings settings, string? target = null)
    {
        var code = string.IsNullOrEmpty(ex.ErrorCode) ? ErrorIds.SsoServiceError : ex.ErrorCode;
        if (code is "UnauthorizedException")
            return SignInRequired(settings, $"IAM Identity Center did not accept its token ({operation}): it was revoked or its session ended early", again: true);
        var category = ex.StatusCode switch
        {
            System.Net.HttpStatusCode.Forbidden => StsErrorCategory.PermissionDenied,
            System.Net.HttpStatusCode.NotFound => StsErrorCategory.ObjectNotFound,
            (System.Net.HttpStatusCode)429 => StsErrorCategory.LimitsExceeded,
            _ => StsErrorCategory.InvalidOperation,
        };
        return new StsServiceException(code, category, $"{operation} through {settings.DisplayName} failed: {code}: {ExchangeLimits.Truncate(ServiceText(ex))}", target ?? settings.DisplayName, ex.RequestId, (int)ex.StatusCode);
    }

    // The service's own words: SSO OIDC sends them as error_description (the SDK's exceptions of
    // that service have an Error_description property), which the SDK's message leaves out in
    // favour of a dump of the body; the portal sends a message.
    private static string ServiceText(AmazonServiceException ex)
    {
        if (ex.GetType().GetProperty("Error_description")?.GetValue(ex) is string { Length: > 0 } description) return description;
        return ex.Message.StartsWith("The service returned an error with Error Code", StringComparison.Ordinal) ? "(the service gave no description)" : ex.Message;
    }

    private static StsToolsException SignInRequired(SsoSettings settings, string why, bool again = false) =>
        new(ErrorIds.SsoSignInRequired, StsErrorCategory.AuthenticationError,
            $"Sign in to IAM Identity Center for {(settings.ProfileName is null ? settings.DisplayName : $"profile '{settings.ProfileName}' ({settings.DisplayName})")}: {why}. Run {(again ? settings.SignInAgainCommand : settings.SignInCommand)}.",
            settings.ProfileName ?? settings.SessionName ?? settings.StartUrl);

    private static StsToolsException NoSignIn(SsoSettings settings, string path) =>
        SignInRequired(settings, System.IO.File.Exists(path) ? $"its token cache file {path} is not a readable sign-in" : "there is no sign-in for it in the token cache");

    private static StsToolsException SignInExpired(SsoSettings settings) =>
        new(ErrorIds.SsoSignInExpired, StsErrorCategory.OperationTimeout,
            $"The sign-in code for {settings.DisplayName} expired before it was confirmed. Run {settings.SignInCommand} again.", settings.DisplayName);

    private static SsoSignIn Describe(SsoSettings settings, SsoToken token, string path) => new()
    {
        SsoSession = settings.SessionName,
        StartUrl = settings.StartUrl,
        SsoRegion = settings.Region,
        ExpiresAt = token.ExpiresAt,
        CanRefresh = token.CanRefresh(DateTime.UtcNow),
        TokenFile = path,
    };

}
