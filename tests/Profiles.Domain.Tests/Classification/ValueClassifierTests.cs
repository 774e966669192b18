using Profiles.Domain.Classification;
using Profiles.Domain.Events;
using static Profiles.Domain.Tests.TestEvents;

namespace Profiles.Domain.Tests.Classification;

public sealed class ValueClassifierTests
{
    private static string Value(string dimension, params CustomerEvent[] events) =>
        ProfileClassifier.Default.Classify(Profile(events), Now).Single(a => a.Dimension == dimension).Value;

    [Theory]
    [InlineData(5000, ValueClassifier.A)]
    [InlineData(1000, ValueClassifier.A)]
    [InlineData(999.99, ValueClassifier.B)]
    [InlineData(250, ValueClassifier.B)]
    [InlineData(249.99, ValueClassifier.C)]
    [InlineData(0, ValueClassifier.C)]
    public void TheValueTierFollowsNetRevenueInTheWindow(double revenue, string expected) =>
        Assert.Equal(expected, Value(Dimensions.Value, Order("a", DaysAgo(10), (decimal)revenue)));

    [Fact]
    public void ACustomerWithoutOrdersIsTierC() => Assert.Equal(ValueClassifier.C, Value(Dimensions.Value));

    [Fact]
    public void RefundsAndOrdersOutsideTheWindowLowerTheTier()
    {
        Assert.Equal(ValueClassifier.B, Value(Dimensions.Value, Order("a", DaysAgo(10), 1200m), Refund("a", DaysAgo(5), 300m)));
        Assert.Equal(ValueClassifier.C, Value(Dimensions.Value, Order("a", DaysAgo(400), 5000m), Order("b", DaysAgo(10), 100m)));
    }

    [Theory]
    [InlineData(150, ValueClassifier.High)]
    [InlineData(149.99, ValueClassifier.Medium)]
    [InlineData(50, ValueClassifier.Medium)]
    [InlineData(49.99, ValueClassifier.Low)]
    [InlineData(0, ValueClassifier.Low)]
    public void PurchasingPowerFollowsTheAverageOrderValue(double average, string expected) =>
        Assert.Equal(expected, Value(Dimensions.PurchasingPower, Order("a", DaysAgo(10), (decimal)average), Order("b", DaysAgo(500), (decimal)average)));

    [Fact]
    public void PurchasingPowerAveragesNetRevenueOverAllCountedOrders()
    {
        // (200 + 100 − 100 refunded) / 2 orders = 100; the cancelled order is not counted.
        var events = new CustomerEvent[]
        {
            Order("a", DaysAgo(600), 200m), Order("b", DaysAgo(10), 100m), Order("c", DaysAgo(5), 100m), Refund("c", DaysAgo(4)),
            Order("d", DaysAgo(3), 9000m), Cancel("d", DaysAgo(2)),
        };

        var assignment = ProfileClassifier.Default.Classify(Profile(events), Now).Single(a => a.Dimension == Dimensions.PurchasingPower);

        Assert.Equal(ValueClassifier.Medium, assignment.Value);
        Assert.Contains("average order 100 over 3 orders", assignment.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ACustomerWithoutOrdersHasNoPurchasingPower() =>
        Assert.Equal(ValueClassifier.NoPurchases, Value(Dimensions.PurchasingPower));
}
