using System.Collections.Immutable;
using Profiles.Abstractions.Grains;
using Profiles.Domain.Profiles;

namespace Profiles.Grains.Tests.Cluster;

/// <summary>A silo's change observer as the tests see it: records every class change and lets a test await one.</summary>
public sealed class RecordingObserver : IProfileChangeObserver
{
    private readonly Lock _lock = new();
    private readonly List<ClassChange> _changes = [];
    private readonly List<(Func<ClassChange, bool> Match, TaskCompletionSource<ClassChange> Seen)> _waiters = [];

    public Task OnProfileChangesAsync(ImmutableArray<ClassChange> changes)
    {
        lock (_lock)
        {
            foreach (var change in changes)
            {
                _changes.Add(change);
                foreach (var waiter in _waiters.Where(w => w.Match(change)).ToList())
                {
                    waiter.Seen.TrySetResult(change);
                    _waiters.Remove(waiter);
                }
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>Erasures are not what these tests watch (the host tests do).</summary>
    public Task OnProfilesRemovedAsync(ImmutableArray<Abstractions.Realtime.ProfileRemoval> removals) => Task.CompletedTask;

    /// <summary>Every change received so far for one customer.</summary>
    public IReadOnlyList<ClassChange> ChangesOf(string customerId)
    {
        lock (_lock) return _changes.Where(c => c.CustomerId == customerId).ToList();
    }

    /// <summary>The first change, received already or later, that matches; fails after <paramref name="timeout"/>.</summary>
    public Task<ClassChange> WaitForAsync(Func<ClassChange, bool> match, TimeSpan timeout)
    {
        lock (_lock)
        {
            if (_changes.FirstOrDefault(match) is { } seen) return Task.FromResult(seen);
            var waiter = new TaskCompletionSource<ClassChange>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, waiter));
            return waiter.Task.WaitAsync(timeout);
        }
    }
}
