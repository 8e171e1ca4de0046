using System;
using System.Collections.Generic;
using StsTools.Model;

namespace StsTools.Env;

/// <summary>
/// Credentials put into the environment for a while (Invoke-StsCommand): every variable it may
/// touch, and every AWS_* variable, is remembered first, and <see cref="Dispose"/> puts each back
/// to its value or absence (removing AWS_* variables the block added),
/// whatever happened in between (an exception, Ctrl+C, the block changing them itself). Scopes
/// nest: each restores what it found.
/// </summary>
public sealed class EnvironmentScope : IDisposable
{
    private readonly IEnvironmentVariables _env;
    private readonly Dictionary<string, string?> _before = new(StringComparer.Ordinal);
    private bool _disposed;

    private EnvironmentScope(IEnvironmentVariables env) => _env = env;

    /// <summary>The changes made on entering, for verbose output (no secrets).</summary>
    public IReadOnlyList<EnvironmentChange> Changes { get; private set; } = Array.Empty<EnvironmentChange>();

    /// <summary>Remembers the AWS variables, then applies <paramref name="credentials"/> (see <see cref="CredentialEnvironment.Apply"/>).</summary>
    public static EnvironmentScope Enter(IEnvironmentVariables env, Credentials credentials, string? region, Func<string, string?>? profileRegion = null)
    {
        if (env is null) throw new ArgumentNullException(nameof(env));
        var scope = new EnvironmentScope(env);
        foreach (var name in CredentialEnvironment.ScopedVariables(env)) scope._before[name] = env.Get(name);
        try
        {
            scope.Changes = CredentialEnvironment.Apply(env, credentials, region, profileRegion);
        }
        catch
        {
            scope.Dispose();
            throw;
        }
        return scope;
    }

    /// <summary>Puts every remembered variable back.</summary>
    public void Dispose() => Restore();

    /// <summary>Puts every remembered variable back; returns what that changed (no secrets), for verbose output.</summary>
    public IReadOnlyList<EnvironmentChange> Restore()
    {
        if (_disposed) return Array.Empty<EnvironmentChange>();
        _disposed = true;
        var changes = new List<EnvironmentChange>();
        foreach (var entry in _before)
            if (!string.Equals(_env.Get(entry.Key), entry.Value, StringComparison.Ordinal)) Put(entry.Key, entry.Value, changes);
        // AWS_* variables the block set that were not there before go too.
        foreach (var name in CredentialEnvironment.ScopedVariables(_env))
            if (!_before.ContainsKey(name)) Put(name, null, changes);
        return changes;
    }

    private void Put(string name, string? value, List<EnvironmentChange> changes)
    {
        _env.Set(name, value);
        changes.Add(value is null
            ? new EnvironmentChange(name, removed: true, null, restored: true)
            : new EnvironmentChange(name, removed: false, CredentialEnvironment.IsSecret(name) ? null : value, restored: true));
    }
}
