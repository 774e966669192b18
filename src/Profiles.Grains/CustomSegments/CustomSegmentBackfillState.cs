using Profiles.Abstractions.CustomSegments;

namespace Profiles.Grains.CustomSegments;

/// <summary>A walk's cursor and progress, stored after every page so a restart resumes it where it stopped.</summary>
[GenerateSerializer]
public sealed class CustomSegmentBackfillState
{
    /// <summary>The walk; null before it started.</summary>
    [Id(0)] public CustomSegmentWalk? Walk { get; set; }

    /// <summary>The index shard being walked.</summary>
    [Id(1)] public int Shard { get; set; }

    /// <summary>The last customer id walked in that shard; null at its start.</summary>
    [Id(2)] public string? After { get; set; }

    [Id(3)] public long Walked { get; set; }

    /// <summary>Customers listed in the index when the walk started.</summary>
    [Id(4)] public long Total { get; set; }

    [Id(5)] public DateTimeOffset? StartedAt { get; set; }

    [Id(6)] public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Stopped because the segment was defined again or removed (a newer walk covers everyone).</summary>
    [Id(7)] public bool Superseded { get; set; }
}
