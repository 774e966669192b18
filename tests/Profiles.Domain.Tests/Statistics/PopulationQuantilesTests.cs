using System.Globalization;
using Profiles.Domain.Classification;
using Profiles.Domain.Statistics;
using Xunit.Abstractions;

namespace Profiles.Domain.Tests.Statistics;

public sealed class PopulationQuantilesTests(ITestOutputHelper output)
{
    private const int Today = 740_000;

    [Fact]
    public void QuintileBreakpointsOf100000SkewedCustomersAreWithinOnePercentOfTheExactQuantiles()
    {
        var random = new Random(20_240_601);
        var customers = Enumerable.Range(0, 100_000).Select(_ => SkewedCustomer(random)).ToList();
        var statistics = new PopulationStatistics();
        foreach (var c in customers) statistics.Add(c, 1, CellDetail.None);

        var breakpoints = PopulationQuantiles.Rfm(statistics, Today, version: 1)!;

        var recency = customers.Select(c => (double)(Today - c.LastOrderDay!.Value)).Order().ToArray();
        var frequency = customers.Select(c => (double)c.Frequency).Order().ToArray();
        var monetary = customers.Select(c => (double)c.Monetary).Order().ToArray();
        var worst = 0.0;
        for (var k = 0; k < 4; k++)
        {
            var fraction = (k + 1) / 5.0;
            worst = Math.Max(worst, Check("R", recency, fraction, breakpoints.Recency[k]));
            worst = Math.Max(worst, Check("F", frequency, fraction, breakpoints.Frequency[k]));
            worst = Math.Max(worst, Check("M", monetary, fraction, breakpoints.Monetary[k]));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"largest relative error of a breakpoint: {worst:P3}"));
    }

    [Fact]
    public void AbcPutsTheTopCustomersBringing80PercentInAAndTheNext15PercentInB()
    {
        var statistics = new PopulationStatistics();
        var revenues = new List<decimal> { 8000m, 1500m };
        revenues.AddRange(Enumerable.Repeat(50m, 10));
        foreach (var revenue in revenues) statistics.Add(Customer(Today - 3, 2, revenue), 1, CellDetail.None);
        statistics.Add(new PopulationContribution(), 1, CellDetail.None); // never ordered

        var abc = PopulationQuantiles.Abc(statistics)!;

        Assert.Equal(ValueClassifier.A, Tier(8000m, abc));
        Assert.Equal(ValueClassifier.B, Tier(1500m, abc));
        Assert.Equal(ValueClassifier.C, Tier(50m, abc));
        Assert.Equal(ValueClassifier.C, Tier(0m, abc));
        var counts = PopulationQuantiles.CountTiers(statistics, abc);
        Assert.Equal(1, counts[ValueClassifier.A]);
        Assert.Equal(1, counts[ValueClassifier.B]);
        Assert.Equal(11, counts[ValueClassifier.C]);
    }

    [Fact]
    public void RfmSegmentAndTierCountsFromTheCellsEqualScoringEveryCustomerUnderTheSameBreakpoints()
    {
        var random = new Random(7);
        var customers = Enumerable.Range(0, 20_000).Select(_ => SkewedCustomer(random)).ToList();
        var statistics = new PopulationStatistics();
        foreach (var c in customers) statistics.Add(c, 1, CellDetail.Full);
        var breakpoints = PopulationQuantiles.Rfm(statistics, Today, version: 1)!;
        var abc = PopulationQuantiles.Abc(statistics)!;
        var rules = RfmSegmentMaps.RPackage;

        var segments = PopulationQuantiles.CountRfmSegments(statistics, breakpoints, rules, Today);
        var tiers = PopulationQuantiles.CountTiers(statistics, abc);

        var expectedSegments = customers
            .Select(c => RfmClassifier.Segment(new RfmScores(Today - c.LastOrderDay!.Value, c.Frequency, c.Monetary,
                breakpoints.ScoreRecency(Today - c.LastOrderDay.Value), breakpoints.ScoreFrequency(c.Frequency),
                breakpoints.ScoreMonetary((double)c.Monetary)), rules).Value)
            .GroupBy(s => s).ToDictionary(g => g.Key, g => (long)g.Count());
        var expectedTiers = customers.GroupBy(c => Tier(c.Monetary, abc)).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(expectedSegments.OrderBy(s => s.Key), segments.OrderBy(s => s.Key));
        Assert.Equal(expectedTiers.OrderBy(s => s.Key), tiers.OrderBy(s => s.Key));
    }

    [Fact]
    public void RemovingEveryContributionLeavesEmptyStatistics()
    {
        var random = new Random(3);
        var customers = Enumerable.Range(0, 1000).Select(_ => SkewedCustomer(random)).ToList();
        var statistics = new PopulationStatistics();
        foreach (var c in customers) statistics.Add(c, 1, CellDetail.Full);
        var delta = new PopulationStatistics();
        foreach (var c in customers) delta.Add(c, -1, CellDetail.Full);
        statistics.Add(delta);
        Assert.True(statistics.IsEmpty);
    }

    private static double Check(string name, double[] sorted, double fraction, double breakpoint)
    {
        var exact = sorted[Histogram.RankOf(fraction, sorted.Length) - 1];
        var error = exact == 0 ? Math.Abs(breakpoint) : Math.Abs(breakpoint - exact) / exact;
        Assert.True(error <= 0.01, string.Create(CultureInfo.InvariantCulture, $"{name} at {fraction}: {breakpoint} vs exact {exact}"));
        return error;
    }

    private static string Tier(decimal revenue, AbcThresholds abc) =>
        ValueClassifier.Tier(new OrderSummary(null, null, 1, revenue, 1, revenue, 0), 365, abc).Value;

    private static PopulationContribution SkewedCustomer(Random random)
    {
        // Recency: exponential (most bought lately); frequency: geometric; revenue: log-normal with a heavy tail.
        var days = (int)Math.Min(3000, -Math.Log(1 - random.NextDouble()) * 120);
        var frequency = 1;
        while (random.NextDouble() < 0.55 && frequency < 200) frequency++;
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var revenue = Math.Round((decimal)Math.Exp(4.5 + 1.4 * normal) * frequency, 2);
        if (random.NextDouble() < 0.03) revenue = 0m; // fully refunded
        return Customer(Today - days, frequency, revenue);
    }

    private static PopulationContribution Customer(int lastOrderDay, int frequency, decimal revenue) =>
        new() { LastOrderDay = lastOrderDay, Frequency = frequency, Monetary = revenue };
}
