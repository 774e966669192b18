using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Profiles.Abstractions.Views;
using Profiles.Domain.Predictions;
using Profiles.Domain.Statistics;
using Profiles.Grains.Statistics;

namespace Profiles.Grains.Tests.Statistics;

/// <summary>
/// What the population models add to grain calls and stored grain state goes through Orleans' serializer and copier
/// unchanged: the published models every silo reads, the statistics deltas and contributions with purchase histories,
/// the statistics grain's rows, and the predictions of a profile view.
/// </summary>
public sealed class PredictionSerializationTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    private Serializer Serializer => _services.GetRequiredService<Serializer>();

    private T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;

    private T Copy<T>(T value) => _services.GetRequiredService<DeepCopier>().Copy(value)!;

    /// <summary>Models fitted to a small simulated population: every part (parameters, fits, clusters) is filled.</summary>
    private static PublishedModels Models()
    {
        var input = RefitWorkload.Build(customers: 3_000, seed: 3);
        return PublishedModels.Fit(input.Population, input.RfmCells, input.Now, 7, new PredictionOptions(), new Domain.Predictions.Clusters.ClusterOptions());
    }

    [Fact]
    public void PublishedModelsReadBackAsTheyWereFitted()
    {
        var models = Models();
        Assert.NotNull(models.Population.Purchases.Parameters);
        Assert.NotNull(models.Clusters);

        foreach (var read in new[] { RoundTrip(models), Copy(models) })
        {
            Assert.Equal(models.Version, read.Version);
            Assert.Equal(models.FittedAt, read.FittedAt);
            Assert.Equal(models.Population, read.Population);
            var (clusters, back) = (models.Clusters!, read.Clusters!);
            Assert.Equal(clusters.Features, back.Features);
            Assert.Equal(clusters.Means, back.Means);
            Assert.Equal(clusters.Deviations, back.Deviations);
            Assert.Equal(clusters.Silhouette, back.Silhouette);
            Assert.Equal(clusters.Customers, back.Customers);
            Assert.Equal(clusters.Centroids.Select(c => (c.Name, c.Customers)), back.Centroids.Select(c => (c.Name, c.Customers)));
            Assert.Equal(clusters.Centroids.SelectMany(c => c.Center.Concat(c.Standardised)), back.Centroids.SelectMany(c => c.Center.Concat(c.Standardised)));
        }
    }

    [Fact]
    public void AStatisticsDeltaWithPurchaseCellsAndTheClustersGridReadsBackTheSame()
    {
        var delta = new PopulationStatistics();
        var contribution = new PopulationContribution { LastOrderDay = 739_900, Frequency = 3, Monetary = 99.5m, History = new PurchaseHistory(739_500, 739_900, 2, 33.25m) };
        contribution.Classes["churnRisk"] = "low";
        var gone = new PopulationContribution { LastOrderDay = 739_000, Frequency = 1, Monetary = 10m, History = new PurchaseHistory(739_000, 739_000, 0, 0m) };
        delta.Add(contribution, 1, CellDetail.Full);
        delta.Add(gone, -1, CellDetail.Full);

        var read = RoundTrip(delta);

        Assert.True(delta.Btyd.SameAs(read.Btyd));
        Assert.Equal(delta.ClusterCells, read.ClusterCells);
        Assert.Equal(delta.Classes["churnRisk"], read.Classes["churnRisk"]);
        Assert.Equal(contribution.History, RoundTrip(contribution).History);
        Assert.True(contribution.SameAs(Copy(contribution)));
    }

    [Fact]
    public void TheStatisticsGrainsRowsReadBackTheSame()
    {
        var models = Models();
        var stored = RoundTrip(new StatisticsState { Models = models });
        Assert.Equal(models.Population, stored.Models!.Population);
        Assert.Equal(models.Version, stored.Models.Version);

        var input = RefitWorkload.Build(customers: 2_000, seed: 4);
        var part = new PackedTotalsState { Packed = input.Population.Pack() };
        part.Senders["silo-a"] = 12;
        var read = RoundTrip(part);
        Assert.True(input.Population.SameAs(BtydPopulation.Unpack(read.Packed)));
        Assert.Equal(12, read.Senders["silo-a"]);
        Assert.Equal(input.RfmCells, Domain.Predictions.Clusters.ClusterCells.Unpack(Domain.Predictions.Clusters.ClusterCells.Pack(input.RfmCells)));
    }

    [Fact]
    public void APredictionsViewReadsBackTheSame()
    {
        var view = new PredictionsView(0.42, 0.1, 0.3, 1.2, 38.5, 17.25, 12, 0.01, 7);
        Assert.Equal(view, RoundTrip(view));
        Assert.Equal(view, Copy(view));
    }

    public void Dispose() => _services.Dispose();
}
