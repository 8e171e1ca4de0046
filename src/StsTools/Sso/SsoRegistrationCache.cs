using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace StsTools.Sso;

/// <summary>A client registration with IAM Identity Center's OIDC service.</summary>
internal sealed class SsoRegistration
{
    public string ClientId { get; set; } = string.Empty;
    public string ClientSecret { get; set; } = string.Empty;
    public DateTime ExpiresAt { get; set; }
    public IReadOnlyList<string>? Scopes { get; set; }
    public IReadOnlyList<string>? GrantTypes { get; set; }

    /// <summary>Registered for the authorization code flow (the AWS CLI's rule: its grant types say so; none recorded means device code).</summary>
    public bool ForAuthorizationCode => GrantTypes?.Contains("authorization_code") == true || GrantTypesText?.Contains("authorization_code") == true;

    /// <summary>grantTypes written as one text rather than a list (the AWS CLI's `in` test reads that too).</summary>
    public string? GrantTypesText { get; set; }

    /// <summary>Good for more than the window botocore keeps (15 minutes).</summary>
    public bool Valid(DateTime now) => ClientId.Length > 0 && ClientSecret.Length > 0 && ExpiresAt - now > TimeSpan.FromMinutes(15);
}

/// <summary>
/// The client registrations the AWS CLI v2 keeps beside the tokens, one per sign-in:
/// <c>~/.aws/sso/cache/&lt;sha1 of {"region", "scopes", "session_name", "startUrl", "tool": "botocore"}&gt;.json</c>,
/// the key written as Python's <c>json.dumps(args, sort_keys=True)</c> writes it. Sharing them
/// means <c>aws sso login</c> and Connect-StsSso reuse each other's registration (RegisterClient
/// is rate-limited), and a sign-out, which removes the token, keeps the registration, as
/// <c>aws sso logout</c> does. A corrupt or foreign file is a miss.
/// </summary>
internal static class SsoRegistrationCache
{
    /// <summary>The registration file of <paramref name="settings"/>.</summary>
    public static string PathOf(SsoSettings settings) => Path.Combine(SsoTokenCache.Folder, SsoTokenCache.FileName(KeyJson(settings)));

    /// <summary>The cache key as botocore serializes it (sorted keys, ", " and ": " separators, non-ASCII as lower-case \u escapes).</summary>
    internal static string KeyJson(SsoSettings settings)
    {
        var scopes = settings.ConfiguredScopes is null ? "null" : "[" + string.Join(", ", settings.ConfiguredScopes.Select(Quote)) + "]";
        return "{\"region\": " + Quote(settings.Region) + ", \"scopes\": " + scopes + ", \"session_name\": "
            + (settings.SessionName is null ? "null" : Quote(settings.SessionName)) + ", \"startUrl\": " + Quote(settings.StartUrl) + ", \"tool\": \"botocore\"}";
    }

    private static string Quote(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e) sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>The registration in <paramref name="path"/>, or null; only a file of this user's that no one else could have written (the AWS CLI writes them 0600).</summary>
    public static SsoRegistration? Read(string path) => SsoTokenCache.ReadObject(path, "IAM Identity Center registration cache file", privateOnly: true, root =>
        {
            string? Text(string name) => SsoTokenCache.Text(root, name);
            IReadOnlyList<string>? List(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray() : null;
            if (Text("clientId") is not { } id || Text("clientSecret") is not { } secret || SsoTokenCache.ParseTime(Text("expiresAt")) is not { } expires) return null;
            return new SsoRegistration { ClientId = id, ClientSecret = secret, ExpiresAt = expires, Scopes = List("scopes"), GrantTypes = List("grantTypes"), GrantTypesText = Text("grantTypes") };
        });

    /// <summary>Writes it as the AWS CLI does (clientId, clientSecret, expiresAt, scopes, grantTypes), atomically and owner-only.</summary>
    public static void Write(string path, SsoRegistration registration) => SsoTokenCache.WriteObject(path, json =>
        {
            json.WriteString("clientId", registration.ClientId);
            json.WriteString("clientSecret", registration.ClientSecret);
            json.WriteString("expiresAt", SsoTokenCache.FormatTime(registration.ExpiresAt));
            if (registration.Scopes is { Count: > 0 } scopes)
            {
                json.WriteStartArray("scopes");
                foreach (var scope in scopes) json.WriteStringValue(scope);
                json.WriteEndArray();
            }
            if (registration.GrantTypes is { } grants)
            {
                json.WriteStartArray("grantTypes");
                foreach (var grant in grants) json.WriteStringValue(grant);
                json.WriteEndArray();
            }
        });
}
