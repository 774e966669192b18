using CsCheck;
using Profiles.Domain.Classification;
using Profiles.Domain.Predictions;
using Profiles.Domain.Predictions.Clusters;
using Profiles.Domain.Profiles;
using Profiles.Domain.Statistics;

namespace Profiles.Domain.Tests.Statistics;

/// <summary>
/// The population statistics kept by replacing each customer's reported contribution (remove the old, add the new) equal
/// the statistics of the customers' final contributions: the purchase histories and the clusters' grid as exactly as the
/// RFM histograms, whatever the customers did in between.
/// </summary>
public sealed class PopulationStatisticsProperties
{
    private static readonly ProfileClassifier Classifier = ProfileClassifier.Default;

    [Fact]
    public void ReplacingContributionsEventByEventEqualsCountingTheFinalOnes() =>
        Gen.Select(CustomerEventGen.Sequence(), CustomerEventGen.Sequence(), Gen.Int[1, 20]).Sample((first, second, every) =>
        {
            var customers = new[] { CustomerProfile.Create("a"), CustomerProfile.Create("b") };
            var reported = new PopulationContribution?[2];
            var running = new PopulationStatistics();
            var events = first.Select(e => (Customer: 0, Event: e)).Concat(second.Select(e => (Customer: 1, Event: e))).ToList();
            for (var i = 0; i < events.Count; i++)
            {
                var (c, e) = events[i];
                customers[c].Apply(e);
                if (i % every != 0 && i != events.Count - 1) continue;
                customers[c].Reclassify(Classifier, CustomerEventGen.Now, e.MessageId);
                var contribution = Contribution(customers[c]);
                if (reported[c] is { } previous) running.Add(previous, -1, CellDetail.Full);
                running.Add(contribution, 1, CellDetail.Full);
                reported[c] = contribution;
            }

            var counted = new PopulationStatistics();
            foreach (var customer in customers.Where((_, c) => reported[c] is not null))
            {
                customer.Reclassify(Classifier, CustomerEventGen.Now, null);
                counted.Add(Contribution(customer), 1, CellDetail.Full);
            }
            // Customers touched after their last report above are reported now, as the grain's next drain would.
            for (var c = 0; c < 2; c++)
            {
                if (reported[c] is not { } previous) continue;
                running.Add(previous, -1, CellDetail.Full);
                running.Add(Contribution(customers[c]), 1, CellDetail.Full);
            }

            Assert.True(counted.Btyd.SameAs(running.Btyd));
            Assert.Equal(counted.ClusterCells.OrderBy(c => c.Key.GetHashCode()), running.ClusterCells.OrderBy(c => c.Key.GetHashCode()));
            Assert.Equal(counted.Customers, running.Customers);
        }, iter: 200);

    [Fact]
    public void RemovingEveryContributionLeavesNothing() =>
        CustomerEventGen.Sequence().Sample(events =>
        {
            var profile = CustomerProfile.Create("a");
            var statistics = new PopulationStatistics();
            foreach (var e in events) profile.Apply(e);
            profile.Reclassify(Classifier, CustomerEventGen.Now, null);
            var contribution = Contribution(profile);
            statistics.Add(contribution, 1, CellDetail.Full);
            statistics.Add(PopulationContribution.Unpack(contribution.Pack()), -1, CellDetail.Full);
            Assert.True(statistics.IsEmpty);
        }, iter: 200);

    [Fact]
    public void ABuyerCountsInThePurchaseCellsAndOnTheClustersGrid()
    {
        var profile = TestEvents.Profile(TestEvents.Order("a", TestEvents.DaysAgo(40), 30m), TestEvents.Order("b", TestEvents.DaysAgo(3), 50m));
        profile.Reclassify(Classifier, TestEvents.Now, null);
        var statistics = new PopulationStatistics();
        statistics.Add(Contribution(profile, TestEvents.Now), 1, CellDetail.None);

        Assert.Equal(1, statistics.Btyd.Customers);
        var cell = Assert.Single(statistics.ClusterCells);
        // The middle day of the last order's week: recency within half a week.
        Assert.InRange(cell.Key.LastOrderDay - PopulationContribution.DayOf(TestEvents.DaysAgo(3)), -3, 3);
        Assert.Equal(3, cell.Key.LastOrderDay % ClusterCells.LastOrderBucketDays);
        Assert.Equal(2, cell.Key.Frequency);
        Assert.InRange(Histogram.UpperBound(HistogramScale.Logarithmic, cell.Key.MonetaryBucket), 80, 80 * 1.11);
        // The fixed-breakpoint mode keeps no joint RFM cells, but the clusters have their grid in every mode.
        Assert.Empty(statistics.Cells);
    }

    [Fact]
    public void TheClustersGridKeepsSmallCountsExactAndBucketsLargeOnes()
    {
        Assert.Equal(7, ClusterCells.FrequencyKeyOf(7));
        Assert.Equal(ClusterCells.FrequencyKeyOf(15), ClusterCells.FrequencyKeyOf(14));
        Assert.InRange(ClusterCells.FrequencyKeyOf(1000), 870, 1000);
        Assert.Equal(Histogram.ZeroBucket, ClusterCells.KeyOf(1, 0, 0m).MonetaryBucket);
    }

    private static PopulationContribution Contribution(CustomerProfile profile) => Contribution(profile, CustomerEventGen.Now);

    private static PopulationContribution Contribution(CustomerProfile profile, DateTimeOffset now) =>
        PopulationContribution.Of(Classifier.Summarize(profile, now), profile.CurrentPurchaseHistory(), profile.Classes);
}
