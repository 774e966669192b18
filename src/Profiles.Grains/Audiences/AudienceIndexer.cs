using System.Globalization;
using Profiles.Abstractions.Audiences;
using Profiles.Abstractions.Grains;
using Profiles.Domain.Audiences;
using Profiles.Grains.Hosting;

namespace Profiles.Grains.Audiences;

/// <summary>
/// One per silo: the way customers' listings reach the membership index. A customer records what the index must hold in
/// its own write, then hands it over here; the updates of many customers for one shard travel in one call
/// (<see cref="CallBatcher{TItem}"/>), so a class change costs a share of a call, not a call of its own.
/// </summary>
public sealed class AudienceIndexer(IGrainFactory grains)
{
    private readonly CallBatcher<MembershipUpdate> _shards = new((key, updates) =>
        grains.GetGrain<IAudienceShardGrain>(long.Parse(key, CultureInfo.InvariantCulture)).UpdateAsync([.. updates]));

    /// <summary>Stores <paramref name="update"/> in its customer's shard; completes once it is durable there.</summary>
    public Task UpdateAsync(MembershipUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return _shards.AddAsync(AudienceShards.Of(update.CustomerId).ToString(CultureInfo.InvariantCulture), update);
    }

    /// <summary>Removes every trace of an erased customer from the index; completes once that is durable.</summary>
    public Task EraseAsync(string customerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        return UpdateAsync(new MembershipUpdate(customerId, long.MaxValue, [], Erase: true));
    }
}
