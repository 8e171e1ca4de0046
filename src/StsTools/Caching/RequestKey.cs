using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StsTools.Caching;

/// <summary>
/// The cache-key material of a request, derived from every public property it has (nested
/// objects and lists included), so a field added to a request later is part of the key without
/// anyone remembering to add it: a session made with other parameters is never served. Only the
/// per-call values named as excluded (the MFA code, the duration) are left out. The properties are
/// those of the request's contract in <see cref="CacheJsonContext"/> (see <see cref="JsonShape"/>).
/// </summary>
internal static class RequestKey
{
    /// <summary>
    /// The key material of <paramref name="request"/>: each property as <c>name:length:value</c>
    /// (lengths make the encoding unambiguous), in name order, <paramref name="overrides"/> taking
    /// the place of the request's own values (a generated default session name).
    /// </summary>
    public static string Of(object request, ICollection<string> excluded, IDictionary<string, string?>? overrides = null)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        var text = new StringBuilder();
        foreach (var property in JsonShape.Of(request.GetType()).Readable)
        {
            if (excluded.Contains(property.Key)) continue;
            var value = overrides is not null && overrides.TryGetValue(property.Key, out var given) ? given : Format(property.Value(request));
            Append(text, property.Key, value);
        }
        return text.ToString();
    }

    private static string? Format(object? value)
    {
        switch (value)
        {
            case null: return null;
            case string s: return s;
            case IFormattable f when value.GetType().IsPrimitive || value is decimal || value is Enum: return f.ToString(null, CultureInfo.InvariantCulture);
            case bool b: return b ? "true" : "false";
            case IEnumerable items:
                var list = new StringBuilder("[");
                foreach (var item in items) Append(list, "item", Format(item));
                return list.Append(']').ToString();
            default:
                var nested = new StringBuilder("{");
                foreach (var property in JsonShape.Of(value.GetType()).Readable) Append(nested, property.Key, Format(property.Value(value)));
                return nested.Append('}').ToString();
        }
    }

    private static void Append(StringBuilder text, string name, string? value) =>
        text.Append(name).Append(':').Append(value is null ? "-" : value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('\n');
}
