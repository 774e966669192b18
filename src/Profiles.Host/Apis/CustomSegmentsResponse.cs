namespace Profiles.Host.Apis;

/// <summary>Every custom segment — the configuration's, then the runtime ones — the catalog version and how many more may be defined.</summary>
public sealed record CustomSegmentsResponse(long CatalogVersion, int MaxRuntimeSegments, IReadOnlyList<CustomSegmentResponse> Segments);
