using System.Collections.Immutable;

namespace Profiles.Abstractions.Segments;

/// <summary>
/// The runtime segments in force, at a version that increases with every definition and removal, and the walks still
/// running (a silo that sees a walk not finished resumes it).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SegmentCatalogView(
    [property: Id(0)] long Version,
    [property: Id(1)] ImmutableArray<RuntimeSegment> Segments,
    [property: Id(2)] ImmutableArray<SegmentWalk> Walks);
