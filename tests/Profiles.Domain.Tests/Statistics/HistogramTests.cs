using CsCheck;
using Profiles.Domain.Statistics;

namespace Profiles.Domain.Tests.Statistics;

public sealed class HistogramTests
{
    // Amounts as revenue arrives: cents, from zero to large, plus whole numbers (days, order counts).
    private static readonly Gen<decimal> Amount = Gen.OneOf(
        Gen.Int[0, 10_000_000].Select(cents => cents / 100m),
        Gen.Int[0, 50].Select(n => (decimal)n));

    private static readonly Gen<(decimal Value, bool Removed)[]> Multiset =
        Gen.Select(Amount, Gen.Bool).Array[0, 200];

    [Theory]
    [InlineData(HistogramScale.Logarithmic)]
    [InlineData(HistogramScale.Exact)]
    public void AddingAMultisetThenRemovingASubsetEqualsAddingTheRest(HistogramScale scale) =>
        Multiset.Sample(values =>
        {
            var added = new Histogram(scale);
            foreach (var (value, _) in values) added.Add((double)value, value);
            foreach (var (value, _) in values.Where(v => v.Removed)) added.Remove((double)value, value);

            var rest = new Histogram(scale);
            foreach (var (value, _) in values.Where(v => !v.Removed)) rest.Add((double)value, value);

            AssertSame(rest, added);
        }, iter: 300);

    [Fact]
    public void AddingTwoHistogramsEqualsAddingEverythingToOne() =>
        Gen.Select(Multiset, Multiset).Sample((left, right) =>
        {
            var one = new Histogram(HistogramScale.Logarithmic);
            foreach (var (value, _) in left.Concat(right)) one.Add((double)value, value);

            var both = new Histogram(HistogramScale.Logarithmic);
            foreach (var (value, _) in left) both.Add((double)value, value);
            var other = new Histogram(HistogramScale.Logarithmic);
            foreach (var (value, _) in right) other.Add((double)value, value);
            both.Add(other);

            AssertSame(one, both);
        }, iter: 300);

    [Fact]
    public void ADeltaOfRemovalsAndAdditionsAddedToTotalsEqualsApplyingThemThere() =>
        Gen.Select(Multiset, Multiset).Sample((before, after) =>
        {
            var direct = new Histogram(HistogramScale.Logarithmic);
            foreach (var (value, _) in before) direct.Add((double)value, value);
            var totals = new Histogram(HistogramScale.Logarithmic);
            totals.Add(direct);

            var delta = new Histogram(HistogramScale.Logarithmic);
            foreach (var (value, _) in before) delta.Remove((double)value, value);
            foreach (var (value, _) in after) delta.Add((double)value, value);
            totals.Add(delta);

            var expected = new Histogram(HistogramScale.Logarithmic);
            foreach (var (value, _) in after) expected.Add((double)value, value);
            AssertSame(expected, totals);
        }, iter: 300);

    [Fact]
    public void EveryPositiveValueIsAtMostItsBucketsUpperBoundAndAboveTheBucketBelow() =>
        Gen.Double[1e-4, 1e9].Sample(value =>
        {
            var index = Histogram.IndexOf(HistogramScale.Logarithmic, value);
            Assert.True(value <= Histogram.UpperBound(HistogramScale.Logarithmic, index));
            Assert.True(value > Histogram.UpperBound(HistogramScale.Logarithmic, index - 1));
            Assert.True(Histogram.UpperBound(HistogramScale.Logarithmic, index) / value <= Histogram.LogRatio);
        }, iter: 2000);

    [Fact]
    public void ZeroHasItsOwnBucketBelowEveryPositiveValue()
    {
        var histogram = new Histogram(HistogramScale.Logarithmic);
        histogram.Add(0, 0m);
        histogram.Add(0.01, 0.01m);
        Assert.Equal(0, histogram.Quantile(0.5));
        Assert.True(histogram.Quantile(1.0) >= 0.01);
    }

    private static void AssertSame(Histogram expected, Histogram actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Sum, actual.Sum);
        Assert.Equal(expected.Buckets.OrderBy(b => b.Key), actual.Buckets.OrderBy(b => b.Key));
    }
}
