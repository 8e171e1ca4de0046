using System;
using System.Collections.Generic;
using System.Text.Json;
using StsTools.Model;

namespace StsTools.Caching;

/// <summary>
/// Reads one disk-cache entry with <see cref="Utf8JsonReader"/> instead of the serializer. Why:
/// a fresh process (a runbook step) pays several times the 2 ms budget of a whole hit for
/// System.Text.Json's first deserialization of the entry type, in generic code over its internal
/// types that no ReadyToRun image can hold (figures: bench/README.md); the reader and this code are precompiled. Writing stays with the
/// serializer (<see cref="CacheJsonContext"/>), and this reads exactly what it writes: property
/// names match case-sensitively, unknown properties are skipped, and anything malformed or of the
/// wrong type is a miss (<see cref="JsonException"/>), never a partly filled entry.
/// </summary>
internal static class CacheEntryReader
{
    private static ReadOnlySpan<byte> Utf8Bom => new byte[] { 0xEF, 0xBB, 0xBF };

    /// <summary>Parses <paramref name="utf8"/> as a cache entry holding a <typeparamref name="T"/>.</summary>
    public static CacheEntry<T> Read<T>(ReadOnlySpan<byte> utf8) where T : class, ICredentialsResponse
    {
        // A byte order mark, as an editor might add, is not JSON to the reader; the serializer's
        // string path never saw it either.
        if (utf8.StartsWith(Utf8Bom)) utf8 = utf8.Slice(Utf8Bom.Length);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        var entry = new CacheEntry<T>();
        Expect(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader, out var name))
        {
            switch (name)
            {
                case "Version": entry.Version = ReadInt(ref reader); break;
                case "Operation": entry.Operation = ReadString(ref reader) ?? string.Empty; break;
                case "Key": entry.Key = ReadString(ref reader) ?? string.Empty; break;
                case "Response": entry.Response = ReadResponse(ref reader, typeof(T) == typeof(AssumeRoleResponse)) as T; break;
                default: reader.Skip(); break;
            }
        }
        if (reader.Read()) throw new JsonException("Content after the cache entry.");
        return entry;
    }

    private static ICredentialsResponse? ReadResponse(ref Utf8JsonReader reader, bool assumeRole)
    {
        if (!AtObject(ref reader)) return null;
        var credentials = new Credentials();
        var user = new AssumedRoleUser();
        var metadata = new ResponseMetadata();
        int packed = 0;
        string? sourceIdentity = null;
        while (NextProperty(ref reader, out var name))
        {
            switch (name)
            {
                case "Credentials": credentials = ReadCredentials(ref reader)!; break;
                case "AssumedRoleUser" when assumeRole: user = ReadUser(ref reader)!; break;
                case "PackedPolicySize" when assumeRole: packed = ReadInt(ref reader); break;
                case "SourceIdentity" when assumeRole: sourceIdentity = ReadString(ref reader); break;
                case "ResponseMetadata": metadata = ReadMetadata(ref reader)!; break;
                default: reader.Skip(); break;
            }
        }
        return assumeRole
            ? new AssumeRoleResponse { Credentials = credentials, AssumedRoleUser = user, PackedPolicySize = packed, SourceIdentity = sourceIdentity, ResponseMetadata = metadata }
            : new GetSessionTokenResponse { Credentials = credentials, ResponseMetadata = metadata };
    }

    private static Credentials? ReadCredentials(ref Utf8JsonReader reader)
    {
        if (!AtObject(ref reader)) return null;
        var c = new Credentials();
        while (NextProperty(ref reader, out var name))
        {
            switch (name)
            {
                case "AccessKeyId": c.AccessKeyId = ReadString(ref reader)!; break;
                case "SecretAccessKey": c.SecretAccessKey = ReadString(ref reader)!; break;
                case "SessionToken": c.SessionToken = ReadString(ref reader)!; break;
                case "Expiration":
                    if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTime(out var expiration)) throw new JsonException("Expiration is not a date.");
                    c.Expiration = expiration;
                    break;
                default: reader.Skip(); break;
            }
        }
        return c;
    }

    private static AssumedRoleUser? ReadUser(ref Utf8JsonReader reader)
    {
        if (!AtObject(ref reader)) return null;
        var user = new AssumedRoleUser();
        while (NextProperty(ref reader, out var name))
        {
            switch (name)
            {
                case "AssumedRoleId": user.AssumedRoleId = ReadString(ref reader)!; break;
                case "Arn": user.Arn = ReadString(ref reader)!; break;
                default: reader.Skip(); break;
            }
        }
        return user;
    }

    private static ResponseMetadata? ReadMetadata(ref Utf8JsonReader reader)
    {
        if (!AtObject(ref reader)) return null;
        var m = new ResponseMetadata();
        while (NextProperty(ref reader, out var name))
        {
            switch (name)
            {
                case "RequestId": m.RequestId = ReadString(ref reader)!; break;
                case "HTTPStatusCode": m.HTTPStatusCode = ReadInt(ref reader); break;
                case "RetryAttempts": m.RetryAttempts = ReadInt(ref reader); break;
                case "HostId": m.HostId = ReadString(ref reader); break;
                case "HTTPHeaders":
                    if (!AtObject(ref reader)) { m.HTTPHeaders = null!; break; }
                    var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    while (NextProperty(ref reader, out var header)) headers[header] = ReadString(ref reader)!;
                    m.HTTPHeaders = headers;
                    break;
                default: reader.Skip(); break;
            }
        }
        return m;
    }

    // Moves to the next property of the current object and onto its value; false at the object's end.
    private static bool NextProperty(ref Utf8JsonReader reader, out string name)
    {
        Advance(ref reader);
        if (reader.TokenType == JsonTokenType.EndObject) { name = string.Empty; return false; }
        if (reader.TokenType != JsonTokenType.PropertyName) throw new JsonException("Expected a property name.");
        name = reader.GetString()!;
        Advance(ref reader);
        return true;
    }

    private static void Advance(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw new JsonException("The cache entry ends early.");
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, bool advance = true)
    {
        if (advance) Advance(ref reader);
        if (reader.TokenType != type) throw new JsonException($"Expected {type}, found {reader.TokenType}.");
    }

    // On a value that must be an object or null: false for null, true for an object, a miss otherwise.
    private static bool AtObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null) return false;
        Expect(ref reader, JsonTokenType.StartObject, advance: false);
        return true;
    }

    private static string? ReadString(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        _ => throw new JsonException("Expected a string."),
    };

    private static int ReadInt(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : throw new JsonException("Expected a 32-bit integer.");
}
