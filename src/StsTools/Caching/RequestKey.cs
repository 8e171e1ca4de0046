using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;

namespace StsTools.Caching;

/// <summary>
/// The cache-key material of a request, derived from every public property it has (nested
/// objects and lists included), so a field added to a request later is part of the key without
/// anyone remembering to add it: a session made with other parameters is never served. Only the
/// per-call values named as excluded (the MFA code, the duration) are left out.
/// </summary>
internal static class RequestKey
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    /// <summary>
    /// The key material of <paramref name="request"/>: each property as <c>name:length:value</c>
    /// (lengths make the encoding unambiguous), in name order, <paramref name="overrides"/> taking
    /// the place of the request's own values (a generated default session name).
    /// </summary>
    public static string Of(object request, ICollection<string> excluded, IDictionary<string, string?>? overrides = null)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        var text = new StringBuilder();
        foreach (var property in PropertiesOf(request.GetType()))
        {
            if (excluded.Contains(property.Name)) continue;
            var value = overrides is not null && overrides.TryGetValue(property.Name, out var given) ? given : Format(property.GetValue(request));
            Append(text, property.Name, value);
        }
        return text.ToString();
    }

    private static PropertyInfo[] PropertiesOf(Type type) =>
        Properties.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.Name, StringComparer.Ordinal).ToArray());

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
                foreach (var property in PropertiesOf(value.GetType())) Append(nested, property.Name, Format(property.GetValue(value)));
                return nested.Append('}').ToString();
        }
    }

    private static void Append(StringBuilder text, string name, string? value) =>
        text.Append(name).Append(':').Append(value is null ? "-" : value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('\n');
}
