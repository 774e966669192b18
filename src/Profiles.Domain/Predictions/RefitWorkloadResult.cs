using Profiles.Domain.Predictions.Clusters;

namespace Profiles.Domain.Predictions;

/// <summary>What a refit produces: the population model and the clusters (null when there are too few distinct customers).</summary>
public sealed record RefitWorkloadResult(PopulationModel Model, ClusterModel? Clusters);
