namespace Profiles.Domain.Audiences;

/// <summary>
/// How the membership index spreads customers over its shards: by a stable hash of the customer id, so that every class a
/// customer is in lives in the same shard (an intersection is answered shard by shard) and a customer's update goes to one
/// shard whatever changed.
/// </summary>
public static class AudienceShards
{
    /// <summary>
    /// Shards of the index. Fixed: a customer's shard must not move. 64 keeps each shard of a 10-million-customer
    /// population near 160,000 members (a few pages of rows) while a small population still fills a page from few shards.
    /// </summary>
    public const int Count = 64;

    /// <summary>The shard of <paramref name="customerId"/>: FNV-1a over its UTF-16 code units, stable across processes.</summary>
    public static int Of(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        var hash = 2166136261u;
        foreach (var c in customerId)
        {
            hash = (hash ^ c) * 16777619u;
        }
        // Mixed once more so that the low bits (the shard) depend on every character, not mostly on the last ones.
        hash ^= hash >> 15;
        hash *= 0x2c1b3c6du;
        hash ^= hash >> 12;
        return (int)(hash % Count);
    }
}
