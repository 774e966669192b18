using System.Collections.Immutable;
using Profiles.Abstractions.Audiences;

namespace Profiles.Abstractions.Grains;

/// <summary>
/// One shard of the membership index (key: 0 to <c>AudienceShards.Count</c> − 1): every class of every customer whose id
/// hashes to it, kept in rows of bounded size. Customers report to it through their silo's batcher after the write that
/// changed their classes.
/// </summary>
public interface IAudienceShardGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Applies the updates and returns once they are durable. Idempotent and order-safe: an update whose stamp is not greater
    /// than the one the shard holds for that customer changes nothing; an erasure removes the customer whatever its stamp.
    /// </summary>
    Task UpdateAsync(ImmutableArray<MembershipUpdate> updates);

    /// <summary>A page of the members the query selects, in ordinal order of their ids (a stable order for cursors).</summary>
    Task<AudiencePage> ListAsync(AudienceQuery query);

    /// <summary>How many customers are in every class of <paramref name="terms"/> (none: every listed customer).</summary>
    Task<long> CountAsync(ImmutableArray<AudienceTerm> terms);
}
