namespace Profiles.Grains.Scheduling;

/// <summary>The buckets of one day that hold customers.</summary>
[GenerateSerializer]
public sealed class WakeDayState
{
    [Id(0)] public SortedSet<long> Buckets { get; set; } = [];
}
