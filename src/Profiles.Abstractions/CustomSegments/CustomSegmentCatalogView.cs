using System.Collections.Immutable;

namespace Profiles.Abstractions.CustomSegments;

/// <summary>
/// The runtime custom segments in force, at a version that increases with every definition and removal, and the walks
/// still running (a silo that sees a walk not finished resumes it).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CustomSegmentCatalogView(
    [property: Id(0)] long Version,
    [property: Id(1)] ImmutableArray<RuntimeCustomSegment> Segments,
    [property: Id(2)] ImmutableArray<CustomSegmentWalk> Walks);
