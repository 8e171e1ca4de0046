using System.Collections.Generic;
using System.Text.Json;
using StsTools.Errors;

namespace StsTools.Input;

/// <summary>
/// Parses JSON into plain .NET values (objects as ordered lists of name/value pairs, arrays, strings, numbers,
/// booleans, null) that any host can walk; PowerShell turns them into objects to drill into.
/// </summary>
public static class JsonTree
{
    /// <summary>Parses <paramref name="json"/>; malformed text is <c>InvalidDecodedMessage</c>.</summary>
    public static object? Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return Convert(doc.RootElement);
        }
        catch (JsonException ex)
        {
            throw new StsToolsException(ErrorIds.InvalidDecodedMessage, StsErrorCategory.InvalidData, "The decoded message is not valid JSON: " + ex.Message, null);
        }
    }

    private static object? Convert(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new List<KeyValuePair<string, object?>>();
                foreach (var p in e.EnumerateObject()) map.Add(new KeyValuePair<string, object?>(p.Name, Convert(p.Value)));
                return map;
            case JsonValueKind.Array:
                var list = new List<object?>();
                foreach (var item in e.EnumerateArray()) list.Add(Convert(item));
                return list.ToArray();
            case JsonValueKind.String:
                return e.GetString();
            case JsonValueKind.Number:
                return e.TryGetInt64(out var l) ? l : e.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }
}
