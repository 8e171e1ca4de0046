using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using StsTools.Service;

namespace StsTools.Env;

/// <summary>
/// The one door to the process's AWS_* variables, which every runspace of the process shares
/// (<c>ForEach-Object -Parallel</c>, ThreadJobs, hosted runspaces). An owner (a runspace) holds
/// it while its credentials are in the environment (Invoke-StsCommand's block) or while it writes
/// them (Set-StsEnvironment, -SetEnvironment, Clear-StsEnvironment); other owners wait for it.
/// Meanwhile they read the AWS variables as they were before the holder took it
/// (<see cref="ViewFor"/>), so one runspace never signs with, or hands on, another's credentials.
/// </summary>
/// <remarks>
/// Re-entrant per owner: a block that calls Invoke-StsCommand or Set-StsEnvironment again in the
/// same runspace goes straight in. Every change of the variables is made under one lock
/// (<see cref="Change{T}"/>) that <see cref="ViewFor"/> also takes, so a reader sees the
/// variables before a change or after it, never half of one.
/// </remarks>
public sealed class EnvironmentGate
{
    private readonly IEnvironmentVariables _env;
    private readonly object _sync = new();
    private readonly SemaphoreSlim _free = new(1, 1);
    private Guid _owner;
    private int _depth;
    private Dictionary<string, string?>? _outside;

    /// <summary>A gate over <paramref name="env"/>.</summary>
    public EnvironmentGate(IEnvironmentVariables env) => _env = env ?? throw new ArgumentNullException(nameof(env));

    /// <summary>How long a waiter goes before it says so (verbose once, then Write-Progress each second).</summary>
    public static TimeSpan ReportAfter { get; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Holds the gate for <paramref name="owner"/> until the returned lease is disposed, waiting while
    /// another owner holds it (reported to <paramref name="log"/>; <paramref name="cancellationToken"/>
    /// stops the wait). Re-entrant for the owner that holds it.
    /// </summary>
    public async Task<IDisposable> AcquireAsync(Guid owner, IStsLog? log, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_depth > 0 && _owner == owner)
            {
                _depth++;
                return new Lease(this);
            }
        }
        if (!_free.Wait(0))
        {
            log?.Verbose("Another runspace of this process has credentials in the AWS_* environment variables (Invoke-StsCommand); waiting for it to give them back.");
            var waited = Stopwatch.StartNew();
            while (!await _free.WaitAsync(ReportAfter, cancellationToken).ConfigureAwait(false))
                log?.Progress("Waiting for the AWS_* environment variables",
                    $"Another runspace runs an Invoke-StsCommand block with its credentials in them ({waited.Elapsed.TotalSeconds:0} s)");
            log?.Progress("Waiting for the AWS_* environment variables", "Done", completed: true);
        }
        lock (_sync)
        {
            _owner = owner;
            _depth = 1;
            _outside = Snapshot(everyAwsVariable: true);
        }
        return new Lease(this);
    }

    /// <summary>Makes a change of the variables under the gate's lock (the caller holds a lease).</summary>
    public T Change<T>(Func<IEnvironmentVariables, T> change)
    {
        if (change is null) throw new ArgumentNullException(nameof(change));
        lock (_sync) return change(_env);
    }

    /// <summary>
    /// The environment as <paramref name="owner"/> may use it: the AWS variables as they are when it
    /// holds the gate or nobody does, and as they were before the holder took it otherwise; every
    /// other variable as it is. The AWS variables are read once, now.
    /// </summary>
    public IEnvironmentVariables ViewFor(Guid owner)
    {
        lock (_sync)
        {
            // Another owner's block: every AWS_* variable as it was (a block may set endpoints or
            // config files of its own too). Otherwise those Apply touches, read once now.
            return _depth > 0 && _owner != owner && _outside is not null ? new Overlay(_env, _outside, awsOnlyFromSnapshot: true) : new Overlay(_env, Snapshot(everyAwsVariable: false), awsOnlyFromSnapshot: false);
        }
    }

    /// <summary>True while an owner other than <paramref name="owner"/> holds the gate.</summary>
    public bool HeldByOther(Guid owner)
    {
        lock (_sync) return _depth > 0 && _owner != owner;
    }

    private Dictionary<string, string?> Snapshot(bool everyAwsVariable)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in everyAwsVariable ? CredentialEnvironment.ScopedVariables(_env) : CredentialEnvironment.AllVariables) values[name] = _env.Get(name);
        return values;
    }

    private void Release()
    {
        lock (_sync)
        {
            if (--_depth > 0) return;
            _owner = Guid.Empty;
            _outside = null;
        }
        _free.Release();
    }

    private sealed class Lease : IDisposable
    {
        private EnvironmentGate? _gate;

        public Lease(EnvironmentGate gate) => _gate = gate;

        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release();
    }

    // The AWS variables from a snapshot, the rest live; writes go to the live environment (nothing
    // writes through a view: changes go through Change).
    private sealed class Overlay : IEnvironmentVariables
    {
        private readonly IEnvironmentVariables _live;
        private readonly Dictionary<string, string?> _aws;
        private readonly bool _awsOnlyFromSnapshot;

        public Overlay(IEnvironmentVariables live, Dictionary<string, string?> aws, bool awsOnlyFromSnapshot) => (_live, _aws, _awsOnlyFromSnapshot) = (live, aws, awsOnlyFromSnapshot);

        public string? Get(string name) =>
            _aws.TryGetValue(name, out var value) ? value
            : _awsOnlyFromSnapshot && name.StartsWith("AWS_", StringComparison.Ordinal) ? null
            : _live.Get(name);

        public void Set(string name, string? value) => throw new InvalidOperationException("A view of the environment is read-only.");
    }
}
