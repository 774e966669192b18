using Profiles.Domain.Predictions.Clusters;

namespace Profiles.Domain.Tests.Predictions.Clusters;

public sealed class ClusterNamesTests
{
    private static readonly ClusterFeature[] Rfm = [ClusterFeature.Recency, ClusterFeature.Frequency, ClusterFeature.Monetary];

    [Fact]
    public void FeaturesNearTheMeanAreLeftOutOfAName() =>
        Assert.Equal(["recent, high spend", "lapsed, occasional", "average"],
            ClusterNames.Name([[-1.2, 0.1, 0.9], [1.5, -0.8, 0.2], [0.3, -0.2, 0.1]], Rfm, 0.5));

    [Fact]
    public void CentroidsThatWouldShareANameAreToldApartByTheirSmallerDifferences()
    {
        var names = ClusterNames.Name([[-1.2, 1.1, 0.3], [-1.0, 0.9, -0.3], [0.1, 0.1, 0.1]], Rfm, 0.5);
        Assert.Equal(["recent, frequent, high spend", "recent, frequent, low spend", "average"], names);
    }

    [Fact]
    public void CentroidsAlikeOnEveryFeatureAreNumbered()
    {
        var names = ClusterNames.Name([[-1.2, 1.1, 0.3], [-1.0, 0.9, 0.4], [-1.1, 1.5, 0.35]], Rfm, 0.5);
        Assert.Equal(["recent, frequent, high spend", "recent, frequent, high spend (2)", "recent, frequent, high spend (3)"], names);
    }

    [Fact]
    public void EngagementAndSatisfactionHaveTheirOwnWords() =>
        Assert.Equal(["engaged, unsatisfied"],
            ClusterNames.Name([[0, 0, 0, 1, -1]], [.. Rfm, ClusterFeature.Engagement, ClusterFeature.Satisfaction], 0.5));
}
