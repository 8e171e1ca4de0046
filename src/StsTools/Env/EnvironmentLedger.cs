using System;
using System.Collections.Generic;

namespace StsTools.Env;

/// <summary>
/// What the AWS_* variables held before the module first wrote them in this process, and what it
/// wrote: so <c>Clear-StsEnvironment</c> gives back the user's <c>AWS_PROFILE</c> or CI keys, and a
/// call can tell that its source credentials are ones an earlier <c>-SetEnvironment</c> put there.
/// </summary>
/// <remarks>
/// One per engine instance; the module's is process-wide, like the environment itself. A variable
/// the user changed after the module wrote it is theirs: <see cref="Restore"/> leaves it alone.
/// </remarks>
public sealed class EnvironmentLedger
{
    private readonly object _gate = new();
    private readonly Dictionary<string, string?> _before = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _written = new(StringComparer.Ordinal);

    /// <summary>The access key id the module last put into AWS_ACCESS_KEY_ID, or null.</summary>
    public string? WrittenAccessKeyId { get; private set; }

    /// <summary>Who those credentials are (a role ARN, "a session token", a masked key id).</summary>
    public string? WrittenIdentity { get; private set; }

    /// <summary>True when the module has changed nothing since the last restore.</summary>
    public bool IsEmpty
    {
        get { lock (_gate) return _before.Count == 0; }
    }

    /// <summary>An environment that records each write in this ledger before making it.</summary>
    public IEnvironmentVariables Recording(IEnvironmentVariables env) => new Recorder(env ?? throw new ArgumentNullException(nameof(env)), this);

    /// <summary>Notes whose credentials the module just put into the environment.</summary>
    public void NoteIdentity(string accessKeyId, string identity)
    {
        lock (_gate) (WrittenAccessKeyId, WrittenIdentity) = (accessKeyId, identity);
    }

    /// <summary>
    /// Puts every variable the module changed back to its value before the module's first write
    /// (removing those that were unset), except the ones changed since by someone else, which are
    /// returned in <paramref name="leftAlone"/>. Then forgets everything.
    /// </summary>
    public IReadOnlyList<EnvironmentChange> Restore(IEnvironmentVariables env, out IReadOnlyList<string> leftAlone)
    {
        if (env is null) throw new ArgumentNullException(nameof(env));
        var changes = new List<EnvironmentChange>();
        var skipped = new List<string>();
        lock (_gate)
        {
            foreach (var entry in _before)
            {
                var now = env.Get(entry.Key);
                if (!string.Equals(now, _written[entry.Key], StringComparison.Ordinal)) { skipped.Add(entry.Key); continue; }
                if (string.Equals(now, entry.Value, StringComparison.Ordinal)) continue;
                env.Set(entry.Key, entry.Value);
                var secret = CredentialEnvironment.IsSecret(entry.Key);
                changes.Add(entry.Value is null
                    ? new EnvironmentChange(entry.Key, removed: true, null, restored: true)
                    : new EnvironmentChange(entry.Key, removed: false, secret ? null : entry.Value, restored: true));
            }
            _before.Clear();
            _written.Clear();
            WrittenAccessKeyId = null;
            WrittenIdentity = null;
        }
        leftAlone = skipped;
        return changes;
    }

    private void Record(string name, string? before, string? after)
    {
        lock (_gate)
        {
            // A variable changed since the module last wrote it (the user removed the module's keys
            // and set AWS_PROFILE=keep-me) holds what the user has now: that is what to give back.
            var current = string.IsNullOrEmpty(before) ? null : before;
            if (!_before.ContainsKey(name) || !string.Equals(_written[name], current, StringComparison.Ordinal)) _before[name] = current;
            _written[name] = string.IsNullOrEmpty(after) ? null : after;
        }
    }

    private sealed class Recorder : IEnvironmentVariables
    {
        private readonly IEnvironmentVariables _inner;
        private readonly EnvironmentLedger _ledger;

        public Recorder(IEnvironmentVariables inner, EnvironmentLedger ledger) => (_inner, _ledger) = (inner, ledger);

        public string? Get(string name) => _inner.Get(name);

        public void Set(string name, string? value)
        {
            _ledger.Record(name, _inner.Get(name), value);
            _inner.Set(name, value);
        }
    }
}
