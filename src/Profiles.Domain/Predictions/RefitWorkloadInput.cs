using Profiles.Domain.Statistics;

namespace Profiles.Domain.Predictions;

/// <summary>What a refit reads: the population's BTYD cells, its R×F×M cells (as <see cref="PopulationStatistics.Cells"/>) and the moment of the refit.</summary>
public sealed record RefitWorkloadInput(BtydPopulation Population, IReadOnlyDictionary<RfmCell, long> RfmCells, DateTimeOffset Now);
