using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
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

    /// <summary>The cached token, or null when there is none or the file is not one (a corrupt file is a miss).</summary>
    public static SsoToken? Read(string path)
    {
        byte[] bytes;
        try
        {
            if (!File.Exists(path)) return null;
            bytes = BoundedFile.ReadAllBytes(path, BoundedFile.TokenLimit, "IAM Identity Center token cache file");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Errors.StsToolsException)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
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
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes the token atomically, owner-only, in a folder of the user's own (0700).</summary>
    public static void Write(string path, SsoToken token)
    {
        var folder = System.IO.Path.GetDirectoryName(path)!;
        PrivateDirectory.Ensure(System.IO.Path.GetDirectoryName(folder)!, System.IO.Path.GetFileName(folder));
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
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
            json.WriteEndObject();
        }
        AtomicFile.WriteAllText(path, Encoding.UTF8.GetString(stream.ToArray()), ownerOnly: true);
    }

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
