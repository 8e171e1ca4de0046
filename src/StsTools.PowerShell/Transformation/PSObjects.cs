using System;
using System.Collections;
using System.Management.Automation;

namespace StsTools.PowerShell.Transformation;

/// <summary>Unwraps PowerShell's object wrappers for the engine's plain converters.</summary>
internal static class PSObjects
{
    /// <summary>The wrapped .NET object; a PSCustomObject becomes a Hashtable of its properties.</summary>
    public static object Unwrap(object value)
    {
        if (value is not PSObject ps) return value;
        if (ps.BaseObject is not PSCustomObject) return ps.BaseObject;
        var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
        foreach (var p in ps.Properties) table[p.Name] = p.Value;
        return table;
    }

    /// <summary>Reads a property by name from a dictionary key or an object member.</summary>
    public static Func<string, object?> PropertyReader(object value)
    {
        var unwrapped = Unwrap(value);
        if (unwrapped is IDictionary dictionary)
        {
            return name =>
            {
                foreach (DictionaryEntry e in dictionary)
                    if (string.Equals(e.Key as string, name, StringComparison.OrdinalIgnoreCase)) return e.Value is PSObject p ? p.BaseObject : e.Value;
                return null;
            };
        }
        var ps = PSObject.AsPSObject(value);
        return name => ps.Properties[name]?.Value is { } v ? (v is PSObject p ? p.BaseObject : v) : null;
    }
}
