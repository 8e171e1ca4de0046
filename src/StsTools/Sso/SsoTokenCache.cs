using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StsTools.Profiles;
using StsTools.Storage;

namespace StsTools.Sso;

/// <summary>
/// One sign-in's tokens as the AWS CLI and botocore keep them in
/// <c>~/.aws/sso/cache/&lt;sha1&gt;.json</c> (same fields, same names), so a sign-in of either
/// works for the other. Never shown, never logged.
/// </summary>
internal sealed class SsoToken
{
    public string StartUrl { get; set; } = string.Empty;
    public string Region { get; set; } = string.Empty;
    public string AccessToken { get; set; } = string.Empty;
    public DateTime ExpiresAt { get; set; }
    public string? RefreshToken { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public DateTime? RegistrationExpiresAt { get; set; }

    /// <summary>Fields of the file this module does not use, written back as they were.</summary>
    public Dictionary<string, JsonElement> Other { get; } = new(StringComparer.Ordinal);

    /// <summary>A client registration that a new sign-in or a refresh may still use.</summary>
    public bool HasRegistration(DateTime now) =>
        !string.IsNullOrEmpty(ClientId) && !string.IsNullOrEmpty(ClientSecret) && RegistrationExpiresAt is { } until && until > now.AddMinutes(15);

    /// <summary>True when a refresh can give a new access token without a new sign-in.</summary>
    public bool CanRefresh(DateTime now) => !string.IsNullOrEmpty(RefreshToken) && HasRegistration(now);
}

/// <summary>Reads and writes the token cache files.</summary>
internal static class SsoTokenCache
{
    private static readonly string[] Known = { "startUrl", "region", "accessToken", "expiresAt", "refreshToken", "clientId", "clientSecret", "registrationExpiresAt" };

    /// <summary>~/.aws/sso/cache, where the AWS CLI and botocore keep them (HOME, as they read it).</summary>
    public static string Folder => Path.Combine(SharedFiles.Home(), ".aws", "sso", "cache");

    /// <summary>The file of <paramref name="settings"/>.</summary>
    public static string PathOf(SsoSettings settings) => Path.Combine(Folder, settings.CacheFileName);

    /// <summary>
    /// The name of a file of this cache as the AWS CLI and botocore compute it: the SHA-1 of
    /// <paramref name="key"/> (a session name, a start URL, a registration's key) in lower-case hex, then <c>.json</c>.
    /// </summary>
    public static string FileName(string key)
    {
        using var sha1 = SHA1.Create();
        var hash = sha1.ComputeHash(Encoding.UTF8.GetBytes(key));
        var sb = new StringBuilder(hash.Length * 2 + 5);
        foreach (var b in hash) sb.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        return sb.Append(".json").ToString();
    }

    /// <summary>
    /// Reads a JSON object of this cache with <paramref name="read"/>; null when the file is missing,
    /// unreadable, too large, not JSON or not an object (a corrupt file is a miss), or when
    /// <paramref name="privateOnly"/> and others could have written it.
    /// </summary>
    internal static T? ReadObject<T>(string path, string what, bool privateOnly, Func<JsonElement, T?> read) where T : class
    {
        try
        {
            if (!File.Exists(path) || privateOnly && !PrivateDirectory.IsPrivateFile(path)) return null;
            using var document = JsonDocument.Parse(BoundedFile.ReadAllBytes(path, BoundedFile.TokenLimit, what));
            return document.RootElement.ValueKind == JsonValueKind.Object ? read(document.RootElement) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or Errors.StsToolsException)
        {
            return null;
        }
    }

    /// <summary>The string property <paramref name="name"/> of <paramref name="root"/>, or null.</summary>
    internal static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>Writes the JSON object <paramref name="write"/> produces atomically, owner-only, in a folder of the user's own (0700).</summary>
    internal static void WriteObject(string path, Action<Utf8JsonWriter> write)
    {
        var folder = Path.GetDirectoryName(path)!;
        PrivateDirectory.Ensure(Path.GetDirectoryName(folder)!, Path.GetFileName(folder));
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }
        AtomicFile.WriteAllText(path, Encoding.UTF8.GetString(stream.ToArray()), ownerOnly: true);
    }

    /// <summary>The cached token, or null when there is none or the file is not one (a corrupt file is a miss).</summary>
    public static SsoToken? Read(string path) => ReadObject(path, "IAM Identity Center token cache file", privateOnly: false, root =>
        {
            string? Text(string name) => SsoTokenCache.Text(root, name);
            var token = new SsoToken
            {
                StartUrl = Text("startUrl") ?? string.Empty,
                Region = Text("region") ?? string.Empty,
                AccessToken = Text("accessToken") ?? string.Empty,
                RefreshToken = Text("refreshToken"),
                ClientId = Text("clientId"),
                ClientSecret = Text("clientSecret"),
                RegistrationExpiresAt = ParseTime(Text("registrationExpiresAt")),
            };
            if (token.AccessToken.Length == 0 || ParseTime(Text("expiresAt")) is not { } expires) return null;
            token.ExpiresAt = expires;
            foreach (var property in root.EnumerateObject())
                if (Array.IndexOf(Known, property.Name) < 0) token.Other[property.Name] = property.Value.Clone();
            return token;
        });

    /// <summary>Writes the token atomically, owner-only, in a folder of the user's own (0700).</summary>
    public static void Write(string path, SsoToken token) => WriteObject(path, json =>
        {
            json.WriteString("startUrl", token.StartUrl);
            json.WriteString("region", token.Region);
            json.WriteString("accessToken", token.AccessToken);
            json.WriteString("expiresAt", FormatTime(token.ExpiresAt));
            if (token.ClientId is not null) json.WriteString("clientId", token.ClientId);
            if (token.ClientSecret is not null) json.WriteString("clientSecret", token.ClientSecret);
            if (token.RegistrationExpiresAt is { } registration) json.WriteString("registrationExpiresAt", FormatTime(registration));
            if (token.RefreshToken is not null) json.WriteString("refreshToken", token.RefreshToken);
            foreach (var other in token.Other)
            {
                json.WritePropertyName(other.Key);
                other.Value.WriteTo(json);
            }
        });

    /// <summary>
    /// Before a sign-in: a token cache path that cannot take the token (a folder, a FIFO, a link to
    /// nothing) is said now, naming it, not after the user has confirmed the sign-in.
    /// </summary>
    public static void EnsureWritable(string path, string signIn)
    {
        var kind = PrivateDirectory.NotARegularFile(path) ?? (PrivateDirectory.IsDanglingLink(path) ? "a link to a file that does not exist" : null);
        if (kind is not null)
            throw new Errors.StsToolsException(Errors.ErrorIds.NotARegularFile, Errors.StsErrorCategory.InvalidArgument,
                $"The token cache file of {signIn}, '{path}', is {kind}, so no sign-in can be kept there: remove it, then sign in again.", path);
    }

    /// <summary>Removes the file; false when there was none.</summary>
    public static bool Delete(string path)
    {
        if (!File.Exists(path)) return false;
        File.Delete(path);
        return true;
    }

    /// <summary>ISO 8601 UTC with a Z, to the second, as botocore writes it.</summary>
    public static string FormatTime(DateTime value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The instants the AWS CLI and botocore write ("...Z", "+00:00", "UTC" suffix, fractions), as UTC.</summary>
    public static DateTime? ParseTime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text!.Trim();
        if (trimmed.EndsWith("UTC", StringComparison.Ordinal)) trimmed = trimmed.Substring(0, trimmed.Length - 3).TrimEnd() + "Z";
        return DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value)
            ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : null;
    }
}
