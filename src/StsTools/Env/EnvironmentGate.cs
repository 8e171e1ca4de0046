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
/// Holds nest: the runspaces a block starts (<see cref="ParentOf"/> names the block's owner) act
/// as the block, so they do not wait for the block that waits for them; their own blocks take
/// turns among themselves one level down, and the others among them read the variables as the
/// block has them. Re-entrant per owner: a block that calls Invoke-StsCommand or
/// Set-StsEnvironment again in the same runspace goes straight in.
/// A runspace other than the process's first one that puts credentials into the environment
/// (Set-StsEnvironment, -SetEnvironment) holds the gate until its Clear-StsEnvironment
/// (<see cref="Stand"/>): blocks and writes of other runspaces wait meanwhile, so parallel
/// Set/run/Clear sequences take turns and each runs as its own. When that runspace's script ends
/// without the Clear, the next waiter finds it idle and puts the variables back first.
/// Every change of the variables is made under one lock (<see cref="Change{T}"/>) that
/// <see cref="ViewFor"/> also takes, so a reader sees the variables before a change or after it,
/// never half of one.
/// </remarks>
public sealed class EnvironmentGate
{
    private readonly IEnvironmentVariables _env;
    private readonly object _sync = new();
    private readonly SemaphoreSlim _free = new(1, 1);
    // The holds in force, outermost first: each level's owner, how often it re-entered, the AWS
    // variables as they were before it, and the door its nested holders take turns at.
    private readonly List<Level> _levels = new();

    /// <summary>A gate over <paramref name="env"/>.</summary>
    public EnvironmentGate(IEnvironmentVariables env) => _env = env ?? throw new ArgumentNullException(nameof(env));

    /// <summary>How long a waiter goes before it says so (verbose once, then Write-Progress each second).</summary>
    public static TimeSpan ReportAfter { get; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The owner whose block started the runspace <c>owner</c>, if any (set by the PowerShell layer,
    /// which knows which block a runspace was started in); such a runspace acts as that block.
    /// </summary>
    public Func<Guid, Guid?>? ParentOf { get; set; }

    /// <summary>
    /// Holds the gate for <paramref name="owner"/> until the returned lease is disposed, waiting while
    /// another owner holds it (reported to <paramref name="log"/>; <paramref name="cancellationToken"/>
    /// stops the wait). Re-entrant for the owner that holds it; one level down for a runspace that
    /// a holder's block started.
    /// </summary>
    public async Task<IDisposable> AcquireAsync(Guid owner, IStsLog? log, CancellationToken cancellationToken)
    {
        while (true)
        {
            Level? below;
            lock (_sync)
            {
                if (_levels.Count > 0 && _levels[_levels.Count - 1] is { } top && top.Owner == owner)
                {
                    top.Depth++;
                    return new Lease(this, top);
                }
                below = Related(owner) is var index && index >= 0 ? _levels[index] : null;
            }
            var door = below?.Door ?? _free;
            if (!door.Wait(0)) await WaitAsync(door, below, log, cancellationToken).ConfigureAwait(false);
            lock (_sync)
            {
                // The level it goes above ended while it waited (a ThreadJob outlived its block): again.
                if (below is not null && !_levels.Contains(below))
                {
                    door.Release();
                    continue;
                }
                var level = new Level(owner, Snapshot(everyAwsVariable: true), door);
                _levels.Add(level);
                return new Lease(this, level);
            }
        }
    }

    private async Task WaitAsync(SemaphoreSlim door, Level? below, IStsLog? log, CancellationToken cancellationToken)
    {
        log?.Verbose("Another runspace of this process has credentials in the AWS_* environment variables (an Invoke-StsCommand block, or Set-StsEnvironment until its Clear-StsEnvironment); waiting for it to give them back.");
        var waited = Stopwatch.StartNew();
        while (!await door.WaitAsync(ReportAfter, cancellationToken).ConfigureAwait(false))
        {
            // A runspace whose script ended without Clear-StsEnvironment gives its turn up here.
            if (TakeAbandoned(below) is { } abandoned)
            {
                log?.Verbose("The runspace that put its credentials into the AWS_* environment variables finished without Clear-StsEnvironment; they are put back as they were before it.");
                abandoned.Dispose();
                continue;
            }
            log?.Progress("Waiting for the AWS_* environment variables",
                $"Another runspace has its credentials in them: an Invoke-StsCommand block, or Set-StsEnvironment until its Clear-StsEnvironment ({waited.Elapsed.TotalSeconds:0} s)");
        }
        log?.Progress("Waiting for the AWS_* environment variables", "Done", completed: true);
    }

    /// <summary>Makes a change of the variables under the gate's lock (the caller holds a lease).</summary>
    public T Change<T>(Func<IEnvironmentVariables, T> change)
    {
        if (change is null) throw new ArgumentNullException(nameof(change));
        lock (_sync) return change(_env);
    }

    /// <summary>
    /// The environment as <paramref name="owner"/> may use it: the AWS variables as they are when it
    /// holds the innermost hold (or acts as its holder's block) or nobody holds any; otherwise as they
    /// were before the first hold it has no part in; every other variable as it is. The AWS
    /// variables are read once, now.
    /// </summary>
    public IEnvironmentVariables ViewFor(Guid owner)
    {
        lock (_sync)
        {
            var index = _levels.Count == 0 ? -1 : Related(owner);
            // Another owner's block: every AWS_* variable as it was (a block may set endpoints or
            // config files of its own too). Otherwise those Apply touches, read once now.
            return _levels.Count > 0 && index < _levels.Count - 1
                ? new Overlay(_env, _levels[index + 1].Outside, awsOnlyFromSnapshot: true)
                : new Overlay(_env, Snapshot(everyAwsVariable: false), awsOnlyFromSnapshot: false);
        }
    }

    // The innermost level held by owner or by a block it acts as (its ancestors); -1 for none.
    private int Related(Guid owner)
    {
        for (var i = _levels.Count - 1; i >= 0; i--)
        {
            var holder = _levels[i].Owner;
            if (holder == owner || IsAncestor(holder, owner)) return i;
        }
        return -1;
    }

    private bool IsAncestor(Guid holder, Guid owner)
    {
        var parentOf = ParentOf;
        if (parentOf is null) return false;
        var current = owner;
        for (var hops = 0; hops < 32 && parentOf(current) is { } parent && parent != current; hops++)
        {
            if (parent == holder) return true;
            current = parent;
        }
        return false;
    }

    /// <summary>
    /// Keeps the gate for <paramref name="owner"/>, which holds the innermost hold now, after its
    /// current lease ends: <paramref name="hold"/> (a scope with its own lease, which puts the
    /// variables back and releases when disposed) stands until <see cref="EndStanding"/>, or until
    /// <see cref="ReleaseIfIdle"/> or a waiter finds <paramref name="alive"/> false (the owner's
    /// runspace closed or idle) and disposes it.
    /// </summary>
    public void Stand(Guid owner, IDisposable hold, Func<bool> alive)
    {
        if (hold is null) throw new ArgumentNullException(nameof(hold));
        if (alive is null) throw new ArgumentNullException(nameof(alive));
        lock (_sync)
        {
            if (Top is not { } top || top.Owner != owner || top.Standing is not null) throw new InvalidOperationException("Only the holder of the innermost hold can stand, once.");
            top.Standing = new Standing(hold, alive);
        }
    }

    /// <summary>True while <paramref name="owner"/> holds the innermost hold and it stands (<see cref="Stand"/>).</summary>
    public bool IsStanding(Guid owner)
    {
        lock (_sync) return Top is { } top && top.Owner == owner && top.Standing is not null;
    }

    /// <summary>The credential scopes (Invoke-StsCommand blocks, a standing write) of <paramref name="owner"/>'s innermost hold; 0 when it holds none.</summary>
    public int ScopesOf(Guid owner)
    {
        lock (_sync) return Top is { } top && top.Owner == owner ? top.Scopes : 0;
    }

    /// <summary>Counts a credential scope into (+1) or out of (-1) <paramref name="owner"/>'s innermost hold.</summary>
    public void CountScope(Guid owner, int delta)
    {
        lock (_sync)
        {
            for (var i = _levels.Count - 1; i >= 0; i--)
                if (_levels[i].Owner == owner)
                {
                    _levels[i].Scopes += delta;
                    return;
                }
        }
    }

    /// <summary>The standing hold of <paramref name="owner"/>, taken away for the caller to dispose; null when it has none.</summary>
    public IDisposable? EndStanding(Guid owner)
    {
        lock (_sync)
        {
            if (Top is not { } top || top.Owner != owner || top.Standing is not { } standing) return null;
            top.Standing = null;
            return standing.Hold;
        }
    }

    /// <summary>
    /// Puts back and releases the standing hold of <paramref name="owner"/> when its runspace no
    /// longer runs anything (called when that runspace becomes idle or closes).
    /// </summary>
    public void ReleaseIfIdle(Guid owner)
    {
        Level? level;
        lock (_sync) level = _levels.Find(l => l.Owner == owner && l.Standing is not null);
        if (level is not null) TakeAbandonedAt(level)?.Dispose();
    }

    // The standing hold just above the door a waiter waits at, when its runspace runs nothing more.
    private IDisposable? TakeAbandoned(Level? below)
    {
        Level? above;
        lock (_sync)
        {
            var index = below is null ? 0 : _levels.IndexOf(below) + 1;
            above = index < _levels.Count ? _levels[index] : null;
        }
        return above is null ? null : TakeAbandonedAt(above);
    }

    private IDisposable? TakeAbandonedAt(Level level)
    {
        Standing? standing;
        lock (_sync) standing = level.Standing;
        if (standing is null) return null;
        bool alive;
        try
        {
            alive = standing.Alive();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
        {
            alive = false;
        }
        if (alive) return null;
        lock (_sync)
        {
            if (!ReferenceEquals(level.Standing, standing)) return null;
            level.Standing = null;
        }
        return standing.Hold;
    }

    private Level? Top => _levels.Count == 0 ? null : _levels[_levels.Count - 1];

    private Dictionary<string, string?> Snapshot(bool everyAwsVariable)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in everyAwsVariable ? CredentialEnvironment.ScopedVariables(_env) : CredentialEnvironment.AllVariables) values[name] = _env.Get(name);
        return values;
    }

    private void Release(Level level)
    {
        lock (_sync)
        {
            if (--level.Depth > 0) return;
            _levels.Remove(level);
        }
        level.Entry.Release();
    }

    private sealed class Level
    {
        public Level(Guid owner, Dictionary<string, string?> outside, SemaphoreSlim entry) => (Owner, Outside, Entry) = (owner, outside, entry);

        public Guid Owner { get; }

        public int Depth { get; set; } = 1;

        public Dictionary<string, string?> Outside { get; }

        // The door this level came in by, released when it ends.
        public SemaphoreSlim Entry { get; }

        // The door of the holds nested in this one (runspaces its block started).
        public SemaphoreSlim Door { get; } = new(1, 1);

        // Credential scopes in force at this level (Invoke-StsCommand blocks, a standing write).
        public int Scopes { get; set; }

        // A Set-StsEnvironment of a runspace other than the first, until its Clear-StsEnvironment.
        public Standing? Standing { get; set; }
    }

    private sealed class Standing
    {
        public Standing(IDisposable hold, Func<bool> alive) => (Hold, Alive) = (hold, alive);

        public IDisposable Hold { get; }

        public Func<bool> Alive { get; }
    }

    private sealed class Lease : IDisposable
    {
        private EnvironmentGate? _gate;
        private readonly Level _level;

        public Lease(EnvironmentGate gate, Level level) => (_gate, _level) = (gate, level);

        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release(_level);
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
