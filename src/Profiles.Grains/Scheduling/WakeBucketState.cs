namespace Profiles.Grains.Scheduling;

/// <summary>
/// The customers of one bucket shard: the first page, and how many further pages (rows <c>bucket.1</c>, <c>bucket.2</c>,
/// …) hold the rest.
/// </summary>
[GenerateSerializer]
public sealed class WakeBucketState
{
    [Id(0)] public HashSet<string> Customers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Further pages in force; a page beyond this count (left by a failed write) is never read.</summary>
    [Id(1)] public int Pages { get; set; }
}

/// <summary>One further page of a bucket shard's customers.</summary>
[GenerateSerializer]
public sealed class WakeBucketPage
{
    [Id(0)] public HashSet<string> Customers { get; set; } = new(StringComparer.Ordinal);
}
