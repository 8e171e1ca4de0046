using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using StsTools.Env;
using StsTools.Errors;
using StsTools.Model;

namespace StsTools.Storage;

/// <summary>Saves and loads credentials as JSON (boto's save/load/to_dict/from_json, the PowerShell way).</summary>
public static class CredentialFile
{
    /// <summary>The JSON text of <paramref name="credentials"/> in <paramref name="format"/>.</summary>
    public static string Serialize(Credentials credentials, CredentialFileFormat format)
    {
        if (credentials is null) throw new ArgumentNullException(nameof(credentials));
        CredentialValues.Check(credentials, $"written out as {format} JSON");
        using var buffer = new MemoryStream();
        // Relaxed escaping: '+' and '/' of secrets and tokens stay as they are ("\u002B" is valid
        // JSON, but people and tools grep these files); quotes, controls and non-ASCII are still escaped.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (format == CredentialFileFormat.CredentialProcess) json.WriteNumber("Version", 1);
            json.WriteString("AccessKeyId", credentials.AccessKeyId);
            json.WriteString("SecretAccessKey", credentials.SecretAccessKey);
            if (!string.IsNullOrEmpty(credentials.SessionToken)) json.WriteString("SessionToken", credentials.SessionToken);
            if (credentials.Expiration != default) json.WriteString("Expiration", CredentialEnvironment.FormatExpiration(credentials.Expiration));
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes atomically, owner-only.</summary>
    public static void Save(string path, Credentials credentials, CredentialFileFormat format)
    {
        if (credentials is null) throw new ArgumentNullException(nameof(credentials));
        CredentialValues.Check(credentials, $"written to '{path}'");
        AtomicFile.WriteAllText(path, Serialize(credentials, format), ownerOnly: true);
    }

    /// <summary>Reads a file written by <see cref="Save"/> (either format); a missing, truncated or altered file is a clear error.</summary>
    public static Credentials Load(string path)
    {
        BoundedFile.EnsureRegular(path, "credential file"); // a folder is not "missing"
        if (!File.Exists(path))
            throw new StsToolsException(ErrorIds.CredentialFileNotFound, StsErrorCategory.ObjectNotFound, $"The credential file '{path}' does not exist.", path);
        return Parse(BoundedFile.ReadAllText(path, BoundedFile.CredentialFileLimit, "credential file"), path);
    }

    /// <summary>Parses credential JSON; <paramref name="source"/> names it in errors.</summary>
    public static Credentials Parse(string text, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw Invalid(source, $"it is not complete JSON ({ex.Message})");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Invalid(source, "it is not a JSON object");
            if (root.TryGetProperty("Version", out var version) && !(version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var v) && v == 1))
                throw Invalid(source, "its Version is not 1");
            var credentials = new Credentials
            {
                AccessKeyId = RequiredString(root, "AccessKeyId", source),
                SecretAccessKey = RequiredString(root, "SecretAccessKey", source),
                SessionToken = OptionalString(root, "SessionToken", source) ?? string.Empty,
            };
            var expiration = OptionalString(root, "Expiration", source);
            if (expiration is not null)
            {
                if (!DateTimeOffset.TryParse(expiration, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                    throw Invalid(source, $"its Expiration '{expiration}' is not an ISO 8601 date and time");
                credentials.Expiration = parsed.UtcDateTime;
            }
            // A file is input like any other: a value no AWS credential has (a line break in the
            // token) must not travel on into a profile, the environment or another file.
            if (CredentialValues.Problem(credentials) is { } problem) throw Invalid(source, $"its {problem.Field} {problem.Why}");
            return credentials;
        }
    }

    private static string RequiredString(JsonElement root, string name, string source) =>
        OptionalString(root, name, source) is { Length: > 0 } value ? value : throw Invalid(source, $"it has no {name}");

    private static string? OptionalString(JsonElement root, string name, string source)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String) throw Invalid(source, $"its {name} is not a string");
        return value.GetString();
    }

    private static StsToolsException Invalid(string source, string why) =>
        new(ErrorIds.InvalidCredentialFile, StsErrorCategory.InvalidData, $"'{source}' is not a usable credential file: {why}.", source);
}
