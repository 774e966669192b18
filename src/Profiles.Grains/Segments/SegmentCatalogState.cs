using Profiles.Abstractions.Segments;

namespace Profiles.Grains.Segments;

/// <summary>The runtime segment catalog: its version, the segments in force and the walks not finished.</summary>
[GenerateSerializer]
public sealed class SegmentCatalogState
{
    /// <summary>Increases with every definition and removal.</summary>
    [Id(0)] public long Version { get; set; }

    [Id(1)] public List<RuntimeSegment> Segments { get; set; } = [];

    [Id(2)] public List<SegmentWalk> Walks { get; set; } = [];
}
