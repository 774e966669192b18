using Profiles.Domain.Statistics;

namespace Profiles.Domain.Predictions;

/// <summary>What a refit reads: the population's BTYD cells, its cluster grid (as <see cref="PopulationStatistics.ClusterCells"/>) and the moment of the refit.</summary>
public sealed record RefitWorkloadInput(BtydPopulation Population, IReadOnlyDictionary<RfmCell, long> RfmCells, DateTimeOffset Now);
