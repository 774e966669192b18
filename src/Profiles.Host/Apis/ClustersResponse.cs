using System.Collections.Immutable;

namespace Profiles.Host.Apis;

/// <summary>
/// The discovered clusters: <c>k</c>, the silhouette that chose it, the customers clustered, the features in order and each
/// centroid (largest first).
/// </summary>
public sealed record ClustersResponse(int K, double Silhouette, long Customers, ImmutableArray<string> Features, ImmutableArray<ClusterResponse> Centroids);
