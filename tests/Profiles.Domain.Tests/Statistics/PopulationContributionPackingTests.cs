using Profiles.Domain.Classification;
using Profiles.Domain.Profiles;
using Profiles.Domain.Statistics;
using Xunit;

namespace Profiles.Domain.Tests.Statistics;

public sealed class PopulationContributionPackingTests
{
    private static PopulationContribution Ada()
    {
        var contribution = new PopulationContribution { LastOrderDay = 739402, Frequency = 1, Monetary = 120.5m };
        contribution.Classes["rfm"] = "new-customers";
        contribution.Classes["geography"] = "FR";
        contribution.Classes["lifecycle"] = "new";
        return contribution;
    }

    [Fact]
    public void APackedContributionUnpacksToTheSame()
    {
        var contribution = Ada();
        contribution.Classes["segment:vip"] = "member";

        Assert.True(contribution.SameAs(PopulationContribution.Unpack(contribution.Pack())));
    }

    [Fact]
    public void KnownNamesPackAsOneByteEach()
    {
        // Version 2: "rfm", "new-customers", "lifecycle" and "new" are one byte each; "FR" stays text.
        Assert.Equal(PackedV2, Convert.ToHexString(Ada().Pack()));
        Assert.True(Ada().SameAs(PopulationContribution.Unpack(Convert.FromHexString(PackedV2))));
    }

    [Fact]
    public void AContributionPackedByTheReleaseBeforeStillUnpacks() =>
        Assert.True(Ada().SameAs(PopulationContribution.Unpack(Convert.FromHexString(PackedV1))));

    [Fact]
    public void AnUnknownVersionIsRefused() =>
        Assert.Contains("version 9", Assert.Throws<FormatException>(() => PopulationContribution.Unpack([9])).Message, StringComparison.Ordinal);

    [Fact]
    public void APackedContributionMatchesExactlyTheOrdersAndClassesItWasMadeOfInEitherVersion()
    {
        var lastOrder = new DateTimeOffset(739402L * TimeSpan.TicksPerDay + TimeSpan.TicksPerHour, TimeSpan.Zero);
        var orders = new OrderSummary(lastOrder, lastOrder, OrdersInWindow: 1, RevenueInWindow: 120.5m, LifetimeOrders: 1, LifetimeRevenue: 120.5m, Reactivations: 0);
        var classes = Ada().Classes.ToDictionary(c => c.Key, c => new ClassState(c.Value, "", lastOrder, null));

        foreach (var packed in new[] { Convert.FromHexString(PackedV2), Convert.FromHexString(PackedV1) })
        {
            Assert.True(PopulationContribution.Matches(packed, orders, classes));
            Assert.False(PopulationContribution.Matches(packed, orders with { LastOrder = lastOrder.AddDays(1) }, classes));
            Assert.False(PopulationContribution.Matches(packed, orders with { OrdersInWindow = 2 }, classes));
            Assert.False(PopulationContribution.Matches(packed, orders with { RevenueInWindow = 120.51m }, classes));
            Assert.False(PopulationContribution.Matches(packed, orders, new Dictionary<string, ClassState>(classes) { ["lifecycle"] = new("active", "", lastOrder, null) }));
            Assert.False(PopulationContribution.Matches(packed, orders, new Dictionary<string, ClassState>(classes) { ["satisfaction"] = new("neutral", "", lastOrder, null) }));
            Assert.False(PopulationContribution.Matches(packed, orders, classes.Where(c => c.Key != "geography").ToDictionary()));
        }
    }

    /// <summary>Written by the release before known names: every name as text.</summary>
    private const string PackedV1 = "010194A15A02B509000001030472666D0E6E65772D637573746F6D6572730A67656F6772617068790346520A6C6966656379636C65046E6577";

    private const string PackedV2 = "020194A15A02B509000001030129094346520216";
}
