using Profiles.Domain.Predictions.Clusters;
using Profiles.Domain.Statistics;

namespace Profiles.Domain.Predictions;

/// <summary>
/// The periodic refit as one call, over a simulated population, for the benchmarks to time (<see cref="Run"/>) apart from
/// building its input (<see cref="Build"/>): BG/NBD, Gamma-Gamma and the clusters, each from population cells and never
/// from a scan of the customers.
/// </summary>
public static class RefitWorkload
{
    /// <summary>The purchase model simulated: Fader, Hardie and Lee's CDNOW fit, in weeks.</summary>
    public static BgNbdParameters Purchases { get; } = new(0.243, 4.414, 0.793, 2.426);

    /// <summary>The spend model simulated: their CDNOW Gamma-Gamma fit, in dollars.</summary>
    public static GammaGammaParameters Spend { get; } = new(6.25, 3.74, 15.44);

    /// <summary>The day customers start being acquired (2024-01-01).</summary>
    private static readonly int FirstDay = PopulationContribution.DayOf(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// <paramref name="customers"/> customers simulated from <see cref="Purchases"/> and <see cref="Spend"/> on the
    /// service's day clock, acquired over two years and observed for a third, summarised as the cluster keeps them: the
    /// BTYD cells and the clusters' grid of a 365-day window (<see cref="ClusterCells"/>). Deterministic for a seed.
    /// </summary>
    public static RefitWorkloadInput Build(int customers = 1_000_000, ulong seed = 16)
    {
        const int acquisitionDays = 730, windowDays = 365;
        var nowDay = FirstDay + acquisitionDays + windowDays;
        var population = new BtydPopulation();
        var cells = new Dictionary<RfmCell, long>();
        foreach (var purchases in PopulationSimulator.Simulate(Purchases, Spend, customers, FirstDay, acquisitionDays, nowDay, 7, seed))
        {
            population.Add(PurchaseHistory.OfDays(purchases)!);
            int last = purchases[0].Day, inWindow = 0;
            var revenue = 0m;
            foreach (var (day, value) in purchases)
            {
                last = Math.Max(last, day);
                if (day <= nowDay - windowDays) continue;
                inWindow++;
                revenue += value;
            }
            var cell = ClusterCells.KeyOf(last, inWindow, revenue);
            cells[cell] = cells.GetValueOrDefault(cell) + 1;
        }
        return new RefitWorkloadInput(population, cells, new DateTimeOffset(nowDay * TimeSpan.TicksPerDay, TimeSpan.Zero));
    }

    /// <summary>Fits the population model and the clusters to <paramref name="input"/> with the periodic refit's own code (<see cref="PublishedModels.Fit"/>).</summary>
    public static RefitWorkloadResult Run(RefitWorkloadInput input, PredictionOptions? predictions = null, ClusterOptions? clusters = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var published = PublishedModels.Fit(input.Population, input.RfmCells, input.Now, 1, predictions ?? new PredictionOptions(), clusters ?? new ClusterOptions());
        return new RefitWorkloadResult(published.Population, published.Clusters);
    }
}
