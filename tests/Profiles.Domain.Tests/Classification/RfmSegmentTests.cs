using Profiles.Domain.Classification;
using static Profiles.Domain.Tests.TestEvents;

namespace Profiles.Domain.Tests.Classification;

public sealed class RfmSegmentTests
{
    /// <summary>The R×F grid as the design states it, written out cell by cell.</summary>
    public static TheoryData<int, int, string> Grid()
    {
        var data = new TheoryData<int, int, string>();
        for (var r = 1; r <= 5; r++)
        {
            for (var f = 1; f <= 5; f++)
            {
                var segment = (r, f) switch
                {
                    ( <= 2, <= 2) => "hibernating",
                    ( <= 2, <= 4) => "at-risk",
                    ( <= 2, 5) => "cannot-lose-them",
                    (3, <= 2) => "about-to-sleep",
                    (3, 3) => "need-attention",
                    ( >= 3 and <= 4, >= 4) => "loyal-customers",
                    (4, 1) => "promising",
                    (5, 1) => "new-customers",
                    ( >= 4, >= 2 and <= 3) => "potential-loyalists",
                    (5, >= 4) => "champions",
                    _ => throw new InvalidOperationException($"the design's grid has no cell {r}{f}"),
                };
                data.Add(r, f, segment);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Grid))]
    public void EveryCellOfTheRxFGridMapsToTheDesignsRfmSegment(int r, int f, string expected)
    {
        for (var m = 1; m <= 5; m++)
        {
            var assignment = RfmClassifier.Segment(new RfmScores(0, 0, 0m, r, f, m), RfmSegmentMaps.RxFGrid);

            Assert.Equal(Dimensions.Rfm, assignment.Dimension);
            Assert.Equal(expected, assignment.Value);
        }
    }

    [Fact]
    public void TheDefaultMapIsTheRxFGrid() =>
        Assert.Same(RfmSegmentMaps.RxFGrid, new ClassificationOptions().Rfm.EffectiveSegments);

    [Fact]
    public void ARecentFirstOrderMakesANewCustomer()
    {
        var assignment = ProfileClassifier.Default.Classify(Profile(Order("a", DaysAgo(3), 20m)), Now)[0];

        Assert.Equal("new-customers", assignment.Value);
        Assert.Contains("R = 5", assignment.Reason, StringComparison.Ordinal);
        Assert.Contains("F = 1", assignment.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ARecentFrequentBuyerIsAChampion()
    {
        var orders = Enumerable.Range(0, 9).Select(i => (Events.CustomerEvent)Order($"o{i}", DaysAgo(2 + (i * 30)), 100m)).ToArray();

        Assert.Equal("champions", ProfileClassifier.Default.Classify(Profile(orders), Now)[0].Value);
    }

    [Fact]
    public void ALongSilentFrequentBuyerIsOneNotToLose()
    {
        var orders = Enumerable.Range(0, 9).Select(i => (Events.CustomerEvent)Order($"o{i}", DaysAgo(200 + (i * 10)), 100m)).ToArray();

        Assert.Equal("cannot-lose-them", ProfileClassifier.Default.Classify(Profile(orders), Now)[0].Value);
    }

    [Fact]
    public void InACustomRuleTableTheFirstMatchingRuleWins()
    {
        List<RfmSegmentRule> rules =
        [
            new() { Name = "big-spenders", MMin = 5, MMax = 5 },
            new() { Name = "recent", RMin = 4, RMax = 5 },
            new() { Name = "recent-and-frequent", RMin = 4, RMax = 5, FMin = 4, FMax = 5 },
        ];

        Assert.Equal("big-spenders", RfmClassifier.Segment(new RfmScores(1, 9, 5000m, 5, 5, 5), rules).Value);
        Assert.Equal("recent", RfmClassifier.Segment(new RfmScores(1, 9, 10m, 5, 5, 1), rules).Value);
    }

    [Fact]
    public void ScoresMatchingNoRuleAreOthers()
    {
        List<RfmSegmentRule> rules = [new() { Name = "recent", RMin = 4, RMax = 5 }];

        var assignment = RfmClassifier.Segment(new RfmScores(200, 1, 10m, 1, 1, 1), rules);

        Assert.Equal(RfmSegmentMaps.Others, assignment.Value);
        Assert.Contains("no rule matches", assignment.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RuleRangesAreInclusive()
    {
        var rule = new RfmSegmentRule { Name = "middle", RMin = 2, RMax = 4, FMin = 3, FMax = 3, MMin = 1, MMax = 2 };

        Assert.True(rule.Matches(2, 3, 1));
        Assert.True(rule.Matches(4, 3, 2));
        Assert.False(rule.Matches(1, 3, 1));
        Assert.False(rule.Matches(5, 3, 1));
        Assert.False(rule.Matches(3, 2, 1));
        Assert.False(rule.Matches(3, 3, 3));
    }

    [Fact]
    public void AConfiguredRuleTableReplacesThePreset()
    {
        var options = new ClassificationOptions();
        options.Rfm.Segments = [new() { Name = "anyone-who-bought" }];

        var assignment = new ProfileClassifier(options).Classify(Profile(Order("a", DaysAgo(300), 1m)), Now)[0];

        Assert.Equal("anyone-who-bought", assignment.Value);
    }

    [Fact]
    public void TheRPackagePresetCanBeChosenByName()
    {
        var options = new ClassificationOptions();
        options.Rfm.SegmentMap = "RPackage";

        // R1 F1 M1: only the last rule ("lost") matches.
        var assignment = new ProfileClassifier(options).Classify(Profile(Order("a", DaysAgo(300), 1m)), Now)[0];

        Assert.Equal("lost", assignment.Value);
    }
}
