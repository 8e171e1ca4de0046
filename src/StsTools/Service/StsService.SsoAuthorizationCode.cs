using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SSOOIDC;
using Amazon.SSOOIDC.Model;
using StsTools.Connection;
using StsTools.Errors;
using StsTools.Sso;

namespace StsTools.Service;

// IAM Identity Center's authorization code sign-in with PKCE, as `aws sso login` runs it by
// default since AWS CLI 2.22: a client registered for authorization_code with the loopback
// redirect, the browser sent to the OIDC service's /authorize with an S256 challenge and a
// state, the code read from the redirect to 127.0.0.1, and CreateToken with the verifier.
public sealed partial class StsService
{
    private const string AuthorizationCodeGrant = "authorization_code";

    /// <summary>How long the authorization code sign-in waits for the browser to come back (the AWS CLI's ten minutes).</summary>
    public static readonly TimeSpan AuthorizationCodeWait = TimeSpan.FromMinutes(10);

    private async Task<SsoToken> AuthorizationCodeTokenAsync(SsoSettings settings, AmazonSSOOIDCClient oidc, Action<SsoDeviceAuthorization> show, IStsLog? log, CancellationToken cancellationToken)
    {
        using var redirect = LoopbackRedirect.Start();
        // A still-valid registration for this flow (aws sso login's or an earlier one's), else a new one.
        var (clientId, clientSecret, registrationExpires) = SsoRegistrationCache.Read(SsoRegistrationCache.PathOf(settings)) is { } shared && shared.Valid(DateTime.UtcNow) && shared.ForAuthorizationCode
            ? (shared.ClientId, shared.ClientSecret, shared.ExpiresAt)
            : await RegisterAsync(settings, oidc, authorizationCode: true, log, cancellationToken).ConfigureAwait(false);
        var verifier = CodeVerifier();
        var state = Guid.NewGuid().ToString();
        var authorize = AuthorizeUri(oidc, clientId, redirect.RedirectUri, state, Challenge(verifier), settings.Scopes);
        show(new SsoDeviceAuthorization(null, authorize, authorize, AuthorizationCodeWait));
        log?.Progress("Signing in to IAM Identity Center", $"Waiting for the browser to come back to {redirect.RedirectUri}");
        // Only the answer that carries this sign-in's state is taken (the state proves it belongs
        // to this sign-in, not to a page that sent the browser here); the browser waits to be told.
        using var answer = await redirect.WaitAsync(state, AuthorizationCodeWait, cancellationToken).ConfigureAwait(false)
            ?? throw SignInExpired(settings);
        if (answer.Error is { } error)
        {
            await answer.RespondAsync(signedIn: false).ConfigureAwait(false);
            throw SignInDenied(settings, $"the browser came back with '{ExchangeLimits.Truncate(error)}'" + (answer.ErrorDescription is { } description ? $": {ExchangeLimits.Truncate(description)}" : string.Empty));
        }
        CreateTokenResponse created;
        try
        {
            created = await SsoCall("CreateToken", settings, () => oidc.CreateTokenAsync(new CreateTokenRequest
            {
                ClientId = clientId,
                ClientSecret = clientSecret,
                GrantType = AuthorizationCodeGrant,
                Code = answer.Code,
                RedirectUri = redirect.RedirectUri,
                CodeVerifier = verifier,
            }, cancellationToken)).ConfigureAwait(false);
        }
        catch
        {
            await answer.RespondAsync(signedIn: false).ConfigureAwait(false);
            throw;
        }
        await answer.RespondAsync(signedIn: true).ConfigureAwait(false);
        return TokenOf(settings, created, clientId, clientSecret, registrationExpires);
    }

    // 64 characters of RFC 7636's unreserved set, from a cryptographic source.
    private static string CodeVerifier()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
        var bytes = new byte[64];
        using (var random = RandomNumberGenerator.Create()) random.GetBytes(bytes);
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++) chars[i] = alphabet[bytes[i] % alphabet.Length];
        return new string(chars);
    }

    // BASE64URL(SHA256(verifier)) without padding (RFC 7636, S256).
    private static string Challenge(string verifier)
    {
        using var sha = SHA256.Create();
        return Convert.ToBase64String(sha.ComputeHash(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    // /authorize of the endpoint the OIDC client resolved (AWS_ENDPOINT_URL_SSO_OIDC, the profile's, or the regional one).
    private static string AuthorizeUri(AmazonSSOOIDCClient oidc, string clientId, string redirectUri, string state, string challenge, IEnumerable<string> scopes)
    {
        var endpoint = oidc.DetermineServiceOperationEndpoint(new RegisterClientRequest()).URL.TrimEnd('/');
        return endpoint + "/authorize?response_type=code"
            + "&client_id=" + Uri.EscapeDataString(clientId)
            + "&redirect_uri=" + Uri.EscapeDataString(redirectUri)
            + "&state=" + Uri.EscapeDataString(state)
            + "&code_challenge_method=S256"
            + "&scopes=" + Uri.EscapeDataString(string.Join(" ", scopes))
            + "&code_challenge=" + challenge;
    }
}
