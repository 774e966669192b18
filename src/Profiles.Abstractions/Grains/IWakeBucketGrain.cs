using System.Collections.Immutable;

namespace Profiles.Abstractions.Grains;

/// <summary>
/// The customers to look at again in one time bucket (one shard of it), keyed <c>{bucket}/{shard}</c>. Silent
/// customers cost an entry here, not an activation or a reminder each.
/// </summary>
public interface IWakeBucketGrain : IGrainWithStringKey
{
    /// <summary>Durably adds a customer to the bucket; adding one twice keeps one entry.</summary>
    Task AddAsync(string customerId);

    /// <summary>Durably removes a customer from the bucket (an erased customer's id must not stay behind); absent is fine.</summary>
    Task RemoveAsync(string customerId);

    /// <summary>Durably adds and removes many customers at once (a silo's batch): one write for all of them.</summary>
    Task ChangeAsync(ImmutableArray<string> adds, ImmutableArray<string> removes);

    /// <summary>Wakes every customer of the bucket, then empties it. Returns how many were woken.</summary>
    Task<int> FireAsync();
}
