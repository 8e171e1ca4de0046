using System;
using System.Collections.Generic;
using System.Text.Json;
using StsTools.Model;

namespace StsTools.Caching;

/// <summary>
/// Reads one disk-cache entry with <see cref="Utf8JsonReader"/> instead of the serializer, for any
/// cached response type (<see cref="JsonShape"/> says which properties a type has). Why not the
/// serializer: a fresh process (a runbook step) pays several times the 2 ms budget of a whole hit
/// for System.Text.Json's first deserialization of the entry type, in generic code over its
/// internal types that no ReadyToRun image can hold (figures: bench/README.md); the reader and this
/// code are precompiled. Writing stays with the serializer (<see cref="CacheJsonContext"/>), and
/// this reads exactly what it writes: property names match case-sensitively, unknown properties are
/// skipped, and anything malformed or of the wrong type is a miss (<see cref="JsonException"/>),
/// never a partly filled entry.
/// </summary>
internal static class CacheEntryReader
{
    private static ReadOnlySpan<byte> Utf8Bom => new byte[] { 0xEF, 0xBB, 0xBF };

    /// <summary>
    /// Parses <paramref name="utf8"/> as a cache entry holding a <typeparamref name="T"/>, by the
    /// contract of <see cref="CacheJsonContext"/> (or of <paramref name="contract"/>: tests read
    /// every response type through the serializer's reflection-based contract).
    /// </summary>
    public static CacheEntry<T> Read<T>(ReadOnlySpan<byte> utf8, JsonSerializerOptions? contract = null) where T : class, ICredentialsResponse
    {
        // A byte order mark, as an editor might add, is not JSON to the reader; the serializer's
        // string path never saw it either.
        if (utf8.StartsWith(Utf8Bom)) utf8 = utf8.Slice(Utf8Bom.Length);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        Advance(ref reader);
        Expect(ref reader, JsonTokenType.StartObject); // a document of null is no entry
        var entry = (CacheEntry<T>)ReadObject(ref reader, JsonShape.Of(typeof(CacheEntry<T>), contract), contract)!;
        if (reader.Read()) throw new JsonException("Content after the cache entry.");
        return entry;
    }

    // On a StartObject (or null) token: a new instance of the shape's type with every known property read.
    private static object? ReadObject(ref Utf8JsonReader reader, JsonShape shape, JsonSerializerOptions? contract)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        Expect(ref reader, JsonTokenType.StartObject);
        var value = shape.Create();
        while (NextProperty(ref reader, out var name))
        {
            if (shape.Properties.TryGetValue(name, out var property)) property.Set(value, ReadValue(ref reader, property.Value, contract));
            else reader.Skip();
        }
        return value;
    }

    private static object? ReadValue(ref Utf8JsonReader reader, ValueShape kind, JsonSerializerOptions? contract)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return kind.Nullable ? null : throw new JsonException($"null where a {kind.Type.Name} belongs.");
        switch (kind.Kind)
        {
            case ValueKind.String:
                return reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new JsonException("Expected a string.");
            case ValueKind.Int32:
                return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var int32) ? int32 : throw new JsonException("Expected a 32-bit integer.");
            case ValueKind.Int64:
                return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var int64) ? int64 : throw new JsonException("Expected a 64-bit integer.");
            case ValueKind.Boolean:
                return reader.TokenType switch { JsonTokenType.True => true, JsonTokenType.False => false, _ => throw new JsonException("Expected true or false.") };
            case ValueKind.DateTime:
                return reader.TokenType == JsonTokenType.String && reader.TryGetDateTime(out var instant) ? instant : throw new JsonException("Expected an ISO 8601 date and time.");
            case ValueKind.Enum:
                // Written as numbers by the serializer's default; text is accepted too.
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number)) return Enum.ToObject(kind.Type, number);
                if (reader.TokenType == JsonTokenType.String) return Enum.Parse(kind.Type, reader.GetString()!, ignoreCase: false);
                throw new JsonException("Expected an enum value.");
            case ValueKind.StringMap:
                Expect(ref reader, JsonTokenType.StartObject);
                // The only maps in the model are HTTP headers, whose names are case-insensitive.
                var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                while (NextProperty(ref reader, out var key)) map[key] = (string)ReadValue(ref reader, ValueShape.Text, contract)!;
                return map;
            case ValueKind.List:
                Expect(ref reader, JsonTokenType.StartArray);
                var list = (System.Collections.IList)Activator.CreateInstance(kind.Type)!;
                for (Advance(ref reader); reader.TokenType != JsonTokenType.EndArray; Advance(ref reader)) list.Add(ReadValue(ref reader, kind.Element!, contract));
                return list;
            default:
                return ReadObject(ref reader, JsonShape.Of(kind.Type, contract), contract);
        }
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

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type) throw new JsonException($"Expected {type}, found {reader.TokenType}.");
    }
}
