namespace Profiles.Grains.Scheduling;

/// <summary>The customers of one bucket shard.</summary>
[GenerateSerializer]
public sealed class WakeBucketState
{
    [Id(0)] public HashSet<string> Customers { get; set; } = new(StringComparer.Ordinal);
}
