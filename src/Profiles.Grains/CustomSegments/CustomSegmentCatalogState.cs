using Profiles.Abstractions.CustomSegments;

namespace Profiles.Grains.CustomSegments;

/// <summary>The runtime custom segment catalog: its version, the segments in force and the walks not finished.</summary>
[GenerateSerializer]
public sealed class CustomSegmentCatalogState
{
    /// <summary>Increases with every definition and removal.</summary>
    [Id(0)] public long Version { get; set; }

    [Id(1)] public List<RuntimeCustomSegment> Segments { get; set; } = [];

    [Id(2)] public List<CustomSegmentWalk> Walks { get; set; } = [];
}
