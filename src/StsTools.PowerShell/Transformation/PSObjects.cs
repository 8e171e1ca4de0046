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
                    if (string.Equals(e.Key as string, name, StringComparison.OrdinalIgnoreCase)) return Inner(e.Value);
                return null;
            };
        }
        var ps = PSObject.AsPSObject(value);
        return name => Inner(ps.Properties[name]?.Value);
    }

    // A property's value without PowerShell's wrapper, except a property bag (a PSCustomObject, or
    // an object that came back from a job, remoting or Import-Clixml), whose wrapper holds its properties.
    private static object? Inner(object? value) => value is PSObject p && p.BaseObject is not PSCustomObject ? p.BaseObject : value;
}
