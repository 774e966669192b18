using Orleans.Concurrency;
using Profiles.Abstractions.Grains;

namespace Profiles.Grains.Scheduling;

/// <summary>Records which buckets of a day hold customers and fires them, every shard at once, when they come due.</summary>
/// <remarks>
/// Reentrant: while it fires a bucket, the customers woken schedule themselves into later buckets of the same day, whose
/// notes must get through (else firing waits on waking, waking on scheduling, scheduling on the note: a deadlock until
/// the calls time out). The set changes only between awaits; writes go one at a time, each after the change it stores.
/// </remarks>
[Reentrant]
public sealed class WakeDayGrain([PersistentState("day", StorageNames.Profiles)] IPersistentState<WakeDayState> state)
    : Grain, IWakeDayGrain
{
    private readonly SemaphoreSlim _writing = new(1, 1);

    public async Task NoteAsync(long bucket)
    {
        if (state.State.Buckets.Add(bucket)) await SaveAsync();
    }

    public async Task<int> FireAsync(long from, long to)
    {
        var due = state.State.Buckets.GetViewBetween(from, Math.Max(from, to)).ToList();
        var woken = 0;
        foreach (var bucket in due)
        {
            var shards = await Task.WhenAll(Enumerable.Range(0, WakeSchedule.Shards)
                .Select(shard => GrainFactory.GetGrain<IWakeBucketGrain>(WakeSchedule.Key(bucket, shard)).FireAsync()));
            woken += shards.Sum();
            if (state.State.Buckets.Remove(bucket)) await SaveAsync();
        }
        if (state.State.Buckets.Count == 0) DeactivateOnIdle();
        return woken;
    }

    /// <summary>Stores the set as it is once the write before (if any) is done; an empty set clears the row.</summary>
    private async Task SaveAsync()
    {
        await _writing.WaitAsync();
        try
        {
            if (state.State.Buckets.Count == 0) await state.ClearStateAsync();
            else await state.WriteStateAsync();
        }
        finally
        {
            _writing.Release();
        }
    }
}
