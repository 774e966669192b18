using Profiles.Domain.Classification;
using static Profiles.Domain.Tests.TestEvents;

namespace Profiles.Domain.Tests.Classification;

public sealed class RfmClassifierTests
{
    private static RfmScores Score(params Events.CustomerEvent[] events)
    {
        var classifier = ProfileClassifier.Default;
        return classifier.Score(classifier.Summarize(Profile(events), Now), Now);
    }

    [Fact]
    public void RecencyIsWholeDaysSinceTheLastCountedOrder()
    {
        var scores = Score(Order("a", DaysAgo(40), 10), Order("b", DaysAgo(10.75), 10), Order("c", DaysAgo(2), 10), Cancel("c", DaysAgo(1)));

        Assert.Equal(10, scores.RecencyDays);
    }

    [Fact]
    public void FrequencyCountsOrdersWithinTheWindowOf365Days()
    {
        var scores = Score(Order("a", DaysAgo(10), 10), Order("b", DaysAgo(364), 10), Order("c", DaysAgo(366), 10), Order("d", DaysAgo(900), 10));

        Assert.Equal(2, scores.Frequency);
    }

    [Fact]
    public void CancelledOrdersCountNeitherTowardsFrequencyNorMonetary()
    {
        var scores = Score(Order("a", DaysAgo(10), 100), Order("b", DaysAgo(20), 500), Cancel("b", DaysAgo(19)));

        Assert.Equal(1, scores.Frequency);
        Assert.Equal(100m, scores.Monetary);
    }

    [Fact]
    public void MonetaryIsNetRevenueInTheWindowAfterRefundsAndCancellations()
    {
        var scores = Score(
            Order("a", DaysAgo(10), 100m),
            Order("b", DaysAgo(40), 200m), Refund("b", DaysAgo(30), 50m), Refund("b", DaysAgo(29), 25.5m),
            Order("c", DaysAgo(100), 300m), Cancel("c", DaysAgo(99)),
            Order("d", DaysAgo(200), 400m), Refund("d", DaysAgo(190)),
            Order("e", DaysAgo(30), 20m), Refund("e", DaysAgo(20), 35m),
            Order("f", DaysAgo(400), 1000m));

        Assert.Equal(100m + 124.5m + 0m + 0m, scores.Monetary);
        Assert.Equal(4, scores.Frequency);
    }

    [Fact]
    public void ARefundArrivingBeforeItsOrderIsStillSubtracted()
    {
        var scores = Score(Refund("a", DaysAgo(5), 30m), Order("a", DaysAgo(6), 100m));

        Assert.Equal(70m, scores.Monetary);
    }

    [Fact]
    public void ACustomerWithoutCountedOrdersHasNoScores()
    {
        var scores = Score(Order("a", DaysAgo(3), 100m), Cancel("a", DaysAgo(2)), Refund("b", DaysAgo(1)));

        Assert.Equal(new RfmScores(null, 0, 0m, null, null, null), scores);
        Assert.Equal(RfmSegmentMaps.NoOrders, RfmClassifier.Segment(scores, RfmSegmentMaps.RxFGrid).Value);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(14, 5)]
    [InlineData(15, 4)]
    [InlineData(30, 4)]
    [InlineData(31, 3)]
    [InlineData(90, 3)]
    [InlineData(91, 2)]
    [InlineData(180, 2)]
    [InlineData(181, 1)]
    [InlineData(5000, 1)]
    public void RecencyScoresFromTheDefaultBreakpoints(int days, int expected) =>
        Assert.Equal(expected, RfmBreakpoints.Default.ScoreRecency(days));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(4, 3)]
    [InlineData(5, 4)]
    [InlineData(8, 4)]
    [InlineData(9, 5)]
    [InlineData(100, 5)]
    public void FrequencyScoresFromTheDefaultBreakpoints(int orders, int expected) =>
        Assert.Equal(expected, RfmBreakpoints.Default.ScoreFrequency(orders));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(50, 1)]
    [InlineData(50.01, 2)]
    [InlineData(150, 2)]
    [InlineData(150.01, 3)]
    [InlineData(400, 3)]
    [InlineData(400.01, 4)]
    [InlineData(1000, 4)]
    [InlineData(1000.01, 5)]
    public void MonetaryScoresFromTheDefaultBreakpoints(double revenue, int expected) =>
        Assert.Equal(expected, RfmBreakpoints.Default.ScoreMonetary(revenue));

    [Fact]
    public void AProfileIsScoredFromItsRawValues()
    {
        // Last order 15 days ago (R4), 3 orders in the window (F3), 450 net (M4).
        var scores = Score(Order("a", DaysAgo(15), 150m), Order("b", DaysAgo(60), 150m), Order("c", DaysAgo(200), 150m));

        Assert.Equal(new RfmScores(15, 3, 450m, 4, 3, 4), scores);
        Assert.Equal("R4 F3 M4", scores.ToString());
    }

    [Fact]
    public void ConfiguredBreakpointsReplaceTheDefaults()
    {
        var options = new ClassificationOptions();
        options.Rfm.Breakpoints.Frequency = [0, 1, 2, 3];
        var classifier = new ProfileClassifier(options);
        var profile = Profile(Order("a", DaysAgo(1), 10m), Order("b", DaysAgo(2), 10m));

        var scores = classifier.Score(classifier.Summarize(profile, Now), Now);

        Assert.Equal(3, scores.F);
        Assert.Equal(RfmBreakpoints.Default.Recency, classifier.Breakpoints.Recency);
    }
}
