namespace Profiles.Host.Apis;

/// <summary>Every custom segment — the configuration's, then the runtime ones — the catalog version and how many more may be defined.</summary>
public sealed record SegmentsResponse(long CatalogVersion, int MaxRuntimeSegments, IReadOnlyList<SegmentResponse> Segments);
