using Profiles.Domain.Classification;
using Profiles.Domain.Predictions;
using Profiles.Domain.Profiles;
using Profiles.Domain.Statistics;
using Xunit;

namespace Profiles.Domain.Tests.Statistics;

public sealed class PopulationContributionPackingTests
{
    private static readonly PurchaseHistory History = new(739300, 739402, 3, 40.25m);

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
        contribution.History = History;

        Assert.True(contribution.SameAs(PopulationContribution.Unpack(contribution.Pack())));
    }

    [Fact]
    public void TheFormatOfVersionThreeStaysAsItIs()
    {
        // Version 3: as version 2 ("rfm", "new-customers", "lifecycle" and "new" one byte each; "FR" text), then the purchase history.
        var contribution = Ada();
        contribution.History = History;
        Assert.Equal(PackedV3, Convert.ToHexString(contribution.Pack()));
        Assert.True(contribution.SameAs(PopulationContribution.Unpack(Convert.FromHexString(PackedV3))));
        Assert.Equal(PackedV3WithoutHistory, Convert.ToHexString(Ada().Pack()));
    }

    [Fact]
    public void AContributionOfVersionTwoStillUnpacksWithoutAHistory()
    {
        // Reported before the purchase history was kept: it added none, so replacing it removes none.
        var read = PopulationContribution.Unpack(Convert.FromHexString(PackedV2));
        Assert.True(Ada().SameAs(read));
        Assert.Null(read.History);
    }

    [Fact]
    public void AContributionPackedByTheReleaseBeforeKnownNamesStillUnpacks() =>
        Assert.True(Ada().SameAs(PopulationContribution.Unpack(Convert.FromHexString(PackedV1))));

    [Fact]
    public void AnUnknownVersionIsRefused() =>
        Assert.Contains("version 9", Assert.Throws<FormatException>(() => PopulationContribution.Unpack([9])).Message, StringComparison.Ordinal);

    [Fact]
    public void APackedContributionMatchesExactlyTheOrdersHistoryAndClassesItWasMadeOfInEveryVersion()
    {
        var lastOrder = new DateTimeOffset(739402L * TimeSpan.TicksPerDay + TimeSpan.TicksPerHour, TimeSpan.Zero);
        var orders = new OrderSummary(lastOrder, lastOrder, OrdersInWindow: 1, RevenueInWindow: 120.5m, LifetimeOrders: 1, LifetimeRevenue: 120.5m, Reactivations: 0);
        var classes = Ada().Classes.ToDictionary(c => c.Key, c => new ClassState(c.Value, "", lastOrder, null));

        foreach (var (packed, history) in new[]
                 {
                     (Convert.FromHexString(PackedV3), History), (Convert.FromHexString(PackedV3WithoutHistory), null),
                     (Convert.FromHexString(PackedV2), null), (Convert.FromHexString(PackedV1), (PurchaseHistory?)null),
                 })
        {
            Assert.True(PopulationContribution.Matches(packed, orders, history, classes));
            Assert.False(PopulationContribution.Matches(packed, orders with { LastOrder = lastOrder.AddDays(1) }, history, classes));
            Assert.False(PopulationContribution.Matches(packed, orders with { OrdersInWindow = 2 }, history, classes));
            Assert.False(PopulationContribution.Matches(packed, orders with { RevenueInWindow = 120.51m }, history, classes));
            Assert.False(PopulationContribution.Matches(packed, orders, history, new Dictionary<string, ClassState>(classes) { ["lifecycle"] = new("active", "", lastOrder, null) }));
            Assert.False(PopulationContribution.Matches(packed, orders, history, new Dictionary<string, ClassState>(classes) { ["satisfaction"] = new("neutral", "", lastOrder, null) }));
            Assert.False(PopulationContribution.Matches(packed, orders, history, classes.Where(c => c.Key != "geography").ToDictionary()));
            // A new purchase day, or a first history where none was reported (an old version), is a change to report.
            Assert.False(PopulationContribution.Matches(packed, orders, History with { RepeatPurchases = 4 }, classes));
        }
        Assert.False(PopulationContribution.Matches(Convert.FromHexString(PackedV3), orders, null, classes));
    }

    /// <summary>Written by the release before known names: every name as text.</summary>
    private const string PackedV1 = "010194A15A02B509000001030472666D0E6E65772D637573746F6D6572730A67656F6772617068790346520A6C6966656379636C65046E6577";

    private const string PackedV2 = "020194A15A02B509000001030129094346520216";

    private const string PackedV3 = "030194A15A02B50900000103012909434652021601C89F5ACC0106B91F000002";

    private const string PackedV3WithoutHistory = "030194A15A02B50900000103012909434652021600";
}
