using System.Collections.Immutable;

namespace Profiles.Host.Apis;

/// <summary>
/// The answer of <c>GET /api/stats/breakpoints</c>: <c>recency</c> in days, <c>frequency</c> in orders and
/// <c>monetary</c> in net revenue (four ascending numbers each), the version and mode, and the value tier thresholds.
/// </summary>
public sealed record BreakpointsResponse(
    long Version, string Mode, ImmutableArray<double> Recency, ImmutableArray<double> Frequency, ImmutableArray<double> Monetary,
    ValueThresholdsResponse Value, long? Customers, DateTimeOffset? PublishedAt);
