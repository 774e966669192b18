using Profiles.Abstractions.Grains;

namespace Profiles.Grains.Scheduling;

/// <summary>Records which buckets of a day hold customers and fires them, every shard at once, when they come due.</summary>
public sealed class WakeDayGrain([PersistentState("day", StorageNames.Profiles)] IPersistentState<WakeDayState> state)
    : Grain, IWakeDayGrain
{
    public async Task NoteAsync(long bucket)
    {
        if (state.State.Buckets.Add(bucket)) await state.WriteStateAsync();
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
            state.State.Buckets.Remove(bucket);
            if (state.State.Buckets.Count == 0) await state.ClearStateAsync();
            else await state.WriteStateAsync();
        }
        if (state.State.Buckets.Count == 0) DeactivateOnIdle();
        return woken;
    }
}
