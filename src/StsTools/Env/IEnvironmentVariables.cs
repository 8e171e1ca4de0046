using System;
using System.Collections.Generic;

namespace StsTools.Env;

/// <summary>Reads and writes environment variables; the seam that lets tests use a dictionary.</summary>
public interface IEnvironmentVariables
{
    /// <summary>The value, or null when the variable is unset or empty.</summary>
    string? Get(string name);

    /// <summary>Sets the variable, or removes it when <paramref name="value"/> is null.</summary>
    void Set(string name, string? value);
}

/// <summary>An environment that can list its variables' names.</summary>
public interface IEnvironmentNames
{
    /// <summary>The names of the variables that are set.</summary>
    IEnumerable<string> Names { get; }
}

/// <summary>The current process's environment (what <c>$env:</c> shows and child processes inherit).</summary>
public sealed class ProcessEnvironmentVariables : IEnvironmentVariables, IEnvironmentNames
{
    /// <summary>The single instance.</summary>
    public static ProcessEnvironmentVariables Instance { get; } = new();

    private ProcessEnvironmentVariables() { }

    /// <inheritdoc />
    public string? Get(string name)
    {
        var v = System.Environment.GetEnvironmentVariable(name);
        return string.IsNullOrEmpty(v) ? null : v;
    }

    /// <inheritdoc />
    public void Set(string name, string? value) => System.Environment.SetEnvironmentVariable(name, value);

    /// <inheritdoc />
    public IEnumerable<string> Names
    {
        get
        {
            foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
                if (entry.Key is string name) yield return name;
        }
    }
}

/// <summary>An in-memory environment, for tests and for building a child process's environment.</summary>
public sealed class DictionaryEnvironmentVariables : IEnvironmentVariables, IEnvironmentNames
{
    /// <summary>Creates an empty environment, optionally seeded.</summary>
    public DictionaryEnvironmentVariables(IDictionary<string, string>? seed = null)
    {
        Values = seed is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(seed, StringComparer.Ordinal);
    }

    /// <summary>The variables that are set.</summary>
    public Dictionary<string, string> Values { get; }

    /// <inheritdoc />
    public IEnumerable<string> Names => new List<string>(Values.Keys);

    /// <inheritdoc />
    public string? Get(string name) => Values.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    /// <inheritdoc />
    public void Set(string name, string? value)
    {
        if (value is null) Values.Remove(name); else Values[name] = value;
    }
}
