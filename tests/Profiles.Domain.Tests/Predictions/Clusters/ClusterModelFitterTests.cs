using Profiles.Domain.Predictions;
using Profiles.Domain.Predictions.Clusters;
using Profiles.Domain.Statistics;

namespace Profiles.Domain.Tests.Predictions.Clusters;

public sealed class ClusterModelFitterTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    // Blob centres as (days since the last order, orders, revenue): far apart once log-transformed.
    private static readonly double[][] Centres =
    [
        [3, 30, 3000],  // recent, frequent, high spend
        [400, 1, 20],   // lapsed, occasional, low spend
        [200, 15, 1500],
        [20, 1, 15],
        [60, 5, 300],
    ];

    /// <summary>Points around the first <paramref name="k"/> centres (log-normal noise of 10%), each a cell of 1 to 40 customers, and the blob of each.</summary>
    private static (List<ClusterPoint> Points, List<int> Blobs) Blobs(int k, int perBlob = 300, ulong seed = 1)
    {
        var random = new SeededRandom(seed);
        var points = new List<ClusterPoint>();
        var blobs = new List<int>();
        for (var blob = 0; blob < k; blob++)
        {
            for (var i = 0; i < perBlob; i++)
            {
                var values = Centres[blob].Select(c => Math.Max(0, (1 + c) * Math.Exp(0.1 * random.NextNormal()) - 1)).ToArray();
                points.Add(new ClusterPoint(values, 1 + random.NextInt64(40)));
                blobs.Add(blob);
            }
        }
        return (points, blobs);
    }

    private static ClusterModel Fit(IReadOnlyList<ClusterPoint> points, ClusterOptions? options = null) =>
        ClusterModelFitter.Fit(points, ClusterPoints.RfmFeatures, options ?? new ClusterOptions(), 1, Now)!;

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void TheSilhouetteChoosesTheTrueNumberOfClusters(int k) =>
        Assert.Equal(k, Fit(Blobs(k).Points).Centroids.Length);

    [Fact]
    public void WellSeparatedClustersAreRecoveredCustomerForCustomer()
    {
        var (points, blobs) = Blobs(4);
        var model = Fit(points);
        // Every blob lands in one cluster of its own.
        var clusterOfBlob = new Dictionary<int, int>();
        for (var i = 0; i < points.Count; i++)
        {
            var cluster = model.Assign(points[i].Values);
            if (!clusterOfBlob.TryAdd(blobs[i], cluster)) Assert.Equal(clusterOfBlob[blobs[i]], cluster);
        }
        Assert.Equal(4, clusterOfBlob.Values.Distinct().Count());
        Assert.Equal(points.Sum(p => p.Weight), model.Centroids.Sum(c => c.Customers));
        Assert.True(model.Silhouette > 0.7, $"silhouette {model.Silhouette}");
        // Centres come back in the features' own units.
        var recent = model.Centroids[clusterOfBlob[0]].Center;
        Assert.InRange(recent[0], 2, 5);
        Assert.InRange(recent[1], 25, 36);
        Assert.InRange(recent[2], 2500, 3600);
    }

    [Fact]
    public void ClustersAreNamedByTheirCentroidsAndNoTwoShareAName()
    {
        var (points, blobs) = Blobs(5);
        var model = Fit(points);
        Assert.Equal(model.Centroids.Length, model.Centroids.Select(c => c.Name).Distinct().Count());
        Assert.Equal("recent, frequent, high spend", model.ClusterOf(Centres[0]).Name);
        Assert.Equal("lapsed, occasional, low spend", model.ClusterOf(Centres[1]).Name);
        Assert.All(model.Centroids, c => Assert.False(string.IsNullOrWhiteSpace(c.Name)));
        _ = blobs;
    }

    [Fact]
    public void TheSameSeedGivesTheSameClustersAndAnotherSeedTheSameOnes()
    {
        var (points, _) = Blobs(4, seed: 9);
        var first = Fit(points);
        var again = Fit(points);
        Assert.Equal(Describe(first), Describe(again));
        Assert.Equal(first.Silhouette, again.Silhouette);
        // Well-separated clusters do not depend on the seed, beyond rounding.
        var other = Fit(points, new ClusterOptions { Seed = 12345 });
        Assert.Equal(first.Centroids.Select(c => c.Name), other.Centroids.Select(c => c.Name));
    }

    [Fact]
    public void ManyPointsArePooledOnAGridAndGiveTheSameClusters()
    {
        var (points, _) = Blobs(3, perBlob: 5000, seed: 3);
        var pooled = Fit(points, new ClusterOptions { MaxPoints = 500 });
        var full = Fit(points, new ClusterOptions { MaxPoints = 100_000 });
        Assert.Equal(full.Centroids.Select(c => c.Name), pooled.Centroids.Select(c => c.Name));
        Assert.Equal(full.Centroids.Select(c => c.Customers), pooled.Centroids.Select(c => c.Customers));
    }

    [Fact]
    public void FewerThanTwoDistinctCustomersMakeNoClusters()
    {
        Assert.Null(ClusterModelFitter.Fit([], ClusterPoints.RfmFeatures, new ClusterOptions(), 1, Now));
        Assert.Null(ClusterModelFitter.Fit([new ClusterPoint([3, 4, 5], 1000)], ClusterPoints.RfmFeatures, new ClusterOptions(), 1, Now));
        Assert.Null(ClusterModelFitter.Fit([new ClusterPoint([3, 4, 5], 10), new ClusterPoint([3, 4, 5], 20)], ClusterPoints.RfmFeatures, new ClusterOptions(), 1, Now));
    }

    [Fact]
    public void TwoDistinctCustomersMakeTwoClusters()
    {
        var model = ClusterModelFitter.Fit([new ClusterPoint([3, 40, 5000], 10), new ClusterPoint([300, 1, 5], 20)], ClusterPoints.RfmFeatures,
            new ClusterOptions(), 1, Now)!;
        Assert.Equal(["lapsed, occasional, low spend", "recent, frequent, high spend"], model.Centroids.Select(c => c.Name));
        Assert.Equal([20L, 10L], model.Centroids.Select(c => c.Customers));
    }

    [Fact]
    public void RfmCellsBecomePointsOfRecencyFrequencyAndRevenue()
    {
        var bucket = Histogram.IndexOf(HistogramScale.Logarithmic, 250);
        var cells = new Dictionary<RfmCell, long> { [new RfmCell(1000, 4, bucket)] = 7, [new RfmCell(990, 1, Histogram.ZeroBucket)] = 0 };
        var point = Assert.Single(ClusterPoints.FromRfmCells(cells, 1010));
        Assert.Equal(10, point.Values[0]);
        Assert.Equal(4, point.Values[1]);
        Assert.InRange(point.Values[2], 250, 250 * Histogram.LogRatio);
        Assert.Equal(7, point.Weight);
    }

    [Fact]
    public void TheServiceClustersOnRecencyFrequencyAndMonetaryValueAndTheFitterTakesMore()
    {
        Assert.Equal([ClusterFeature.Recency, ClusterFeature.Frequency, ClusterFeature.Monetary], new ClusterOptions().Features);
        // Satisfaction is clustered as it is (it can be negative); the rest through log1p.
        Assert.Equal(-0.5, ClusterModel.Transform(ClusterFeature.Satisfaction, -0.5));
        Assert.Equal(Math.Log(11), ClusterModel.Transform(ClusterFeature.Frequency, 10), 12);
    }

    [Fact]
    public void DefaultOptionsAreValidAndABadSettingIsNamed()
    {
        Assert.Null(new ClusterOptions().Validate());
        Assert.Equal("Profiles:Clusters:MinClusters must be at least 2.", new ClusterOptions { MinClusters = 1 }.Validate());
        Assert.Contains("Profiles:Clusters:MaxClusters", new ClusterOptions { MinClusters = 4, MaxClusters = 3 }.Validate(), StringComparison.Ordinal);
        Assert.Contains("Profiles:Clusters:SilhouetteSample", new ClusterOptions { SilhouetteSample = 0 }.Validate(), StringComparison.Ordinal);
    }

    private static string Describe(ClusterModel model) =>
        string.Join(" | ", model.Centroids.Select(c => $"{c.Name}: {string.Join(",", c.Standardised.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))} × {c.Customers}"));
}
