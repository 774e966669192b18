using Profiles.Domain.Predictions;

namespace Profiles.Domain.Tests.Predictions;

/// <summary>The refit the benchmarks time (at 1,000,000 customers), here at a size a test can afford.</summary>
public sealed class RefitWorkloadTests
{
    [Fact]
    public void ARefitOfASimulatedPopulationConvergesAndNamesItsClusters()
    {
        var input = RefitWorkload.Build(customers: 20_000, seed: 5);
        var result = RefitWorkload.Run(input);

        Assert.Equal(20_000, input.Population.Customers);
        Assert.Equal(20_000, input.RfmCells.Values.Sum());
        Assert.True(result.Model.Purchases.Converged);
        Assert.True(result.Model.Spend.Converged);
        Assert.Equal(20_000, result.Model.Purchases.Customers);
        Assert.NotNull(result.Clusters);
        Assert.Equal(20_000, result.Clusters.Customers);
        Assert.Equal(result.Clusters.Centroids.Length, result.Clusters.Centroids.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public void TheWorkloadIsTheSameForASeed()
    {
        var first = RefitWorkload.Build(customers: 2_000, seed: 5);
        var second = RefitWorkload.Build(customers: 2_000, seed: 5);
        Assert.True(first.Population.SameAs(second.Population));
        Assert.Equal(first.RfmCells.OrderBy(c => c.Key.LastOrderDay).ThenBy(c => c.Key.Frequency).ThenBy(c => c.Key.MonetaryBucket),
            second.RfmCells.OrderBy(c => c.Key.LastOrderDay).ThenBy(c => c.Key.Frequency).ThenBy(c => c.Key.MonetaryBucket));
    }
}
