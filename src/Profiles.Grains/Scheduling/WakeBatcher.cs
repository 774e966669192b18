using Profiles.Abstractions.Grains;
using Profiles.Grains.Hosting;

namespace Profiles.Grains.Scheduling;

/// <summary>
/// One per silo: gathers the time-bucket entries this silo's customers make and sends them in one call per bucket shard
/// (<see cref="CallBatcher{TItem}"/>). Each caller gets back its entry's shard call, so an entry is durable in its bucket
/// before its customer stores that it is scheduled (a wake is never lost), at a fraction of a call each when many
/// customers are scheduled at once (new customers due at the same day boundary share their buckets).
/// </summary>
public sealed class WakeBatcher(IGrainFactory grains)
{
    private readonly CallBatcher<(string CustomerId, bool Remove)> _shards = new((key, entries) =>
        grains.GetGrain<IWakeBucketGrain>(key).ChangeAsync(
            [.. entries.Where(e => !e.Remove).Select(e => e.CustomerId)],
            [.. entries.Where(e => e.Remove).Select(e => e.CustomerId)]));

    /// <summary>Enters <paramref name="customerId"/> in (or, with <paramref name="remove"/>, takes it out of) the bucket shard <paramref name="key"/>.</summary>
    public Task ChangeAsync(string key, string customerId, bool remove)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        return _shards.AddAsync(key, (customerId, remove));
    }
}
