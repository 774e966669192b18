using CsCheck;
using Profiles.Domain.Classification;
using Profiles.Domain.Events;
using Profiles.Domain.Predictions;
using Profiles.Domain.Profiles.Packing;
using Profiles.Domain.Profiles;

namespace Profiles.Domain.Tests.Profiles;

/// <summary>
/// The order summary read from a profile's sorted order index, kept up to date event by event, is what a walk over all
/// of the profile's orders gives: the same figures and the same decimal scale of the revenues.
/// </summary>
public sealed class OrderIndexProperties
{
    private static readonly DateTimeOffset[] Moments = [CustomerEventGen.Epoch, CustomerEventGen.Midway, CustomerEventGen.Now];

    [Fact]
    public void TheSummaryKeptUpToDateEventByEventEqualsAWalkOverTheOrders() => DerivedIndexChecks.AfterEveryEvent(AssertSummariesAreWalks, iter: 300);

    [Fact]
    public void TheSummaryAfterAMergeEqualsAWalkOverTheOrders() => DerivedIndexChecks.AfterAMerge(AssertSummariesAreWalks, iter: 200);

    [Fact]
    public void RevenueInTheWindowHasTheScaleOfTheOrdersInIt()
    {
        var profile = TestEvents.Profile(
            TestEvents.Order("old", TestEvents.DaysAgo(400), 10.125m),
            TestEvents.Order("recent", TestEvents.DaysAgo(10), 20.5m));
        var summary = ProfileClassifier.Default.Summarize(profile, TestEvents.Now);

        Assert.Equal("20.5", summary.RevenueInWindow.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("30.625", summary.LifetimeRevenue.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ReplacingTheOrdersRebuildsTheSummary()
    {
        var profile = TestEvents.Profile(TestEvents.Order("o-1", TestEvents.DaysAgo(3), 10m));
        Assert.Equal(1, ProfileClassifier.Default.Summarize(profile, TestEvents.Now).LifetimeOrders);

        profile.Orders = new(StringComparer.Ordinal);
        Assert.Equal(0, ProfileClassifier.Default.Summarize(profile, TestEvents.Now).LifetimeOrders);
    }

    [Fact]
    public void BeyondItsCapacityAProfileKeepsTheNewestOrdersAndStillCountsEveryOrderInItsLifetimeFigures()
    {
        // 3,000 orders a day apart, with a silence of 100 days before every 500th: five reactivations, most archived.
        var profile = CustomerProfile.Create("hot");
        var at = TestEvents.DaysAgo(5_000);
        decimal revenue = 0;
        for (var i = 0; i < 3_000; i++)
        {
            at = at.AddDays(i > 0 && i % 500 == 0 ? 100 : 1);
            profile.Apply(TestEvents.Order($"o-{i}", at, 1m + i % 3));
            revenue += 1m + i % 3;
            Assert.True(profile.Orders.Count <= CustomerProfile.OrderCapacity * 5 / 4, $"{profile.Orders.Count} orders kept");
        }

        var summary = ProfileClassifier.Default.Summarize(profile, at);

        Assert.Equal((3_000, revenue, 5), (summary.LifetimeOrders, summary.LifetimeRevenue, summary.Reactivations));
        Assert.Equal((TestEvents.DaysAgo(4_999), at), (summary.FirstOrder!.Value, summary.LastOrder!.Value));
        // The newest orders are kept one by one: the window (365 days of one order a day) is all there.
        Assert.Equal(365, summary.OrdersInWindow);
        Assert.Contains("o-2999", profile.Orders.Keys);
        Assert.DoesNotContain("o-0", profile.Orders.Keys);
    }

    [Fact]
    public void BeyondItsCapacityThePurchaseHistoryStillCountsEveryPurchaseDayOfTheArchive()
    {
        // 3,000 orders, one to three a day at any hour (several on one day count as one purchase day), most archived.
        var profile = CustomerProfile.Create("hot");
        var random = new Random(16);
        var purchases = new List<(DateTimeOffset At, decimal NetValue)>();
        var day = TestEvents.DaysAgo(3_000).UtcDateTime.Date;
        for (var i = 0; i < 3_000;)
        {
            day = day.AddDays(random.Next(1, 3));
            for (var n = random.Next(1, 4); n > 0 && i < 3_000; n--, i++)
            {
                var at = new DateTimeOffset(day.AddMinutes(random.Next(0, 24 * 60)), TimeSpan.Zero);
                var value = 5m + random.Next(0, 5000) / 100m;
                profile.Apply(TestEvents.Order($"o-{i}", at, value));
                purchases.Add((at, value));
            }
        }

        Assert.NotNull(profile.ArchivedOrders);
        Assert.Equal(PurchaseHistory.Of(purchases), profile.CurrentPurchaseHistory());
        // Packed and read back, the archive keeps its purchase days.
        var read = ProfileCodec.Read(ProfileCodec.Facts(profile), [], ProfileCodec.Changes(profile));
        Assert.Equal(PurchaseHistory.Of(purchases), read.CurrentPurchaseHistory());
    }

    [Fact]
    public void AnArchiveStoredBeforeItKeptPurchaseDaysEstimatesThemFromItsSilences()
    {
        // Orders a day or more apart: one purchase day per archived order, as the estimate has it, first day an average one.
        var archive = new OrderArchive { Count = 4, Revenue = 40m, First = TestEvents.DaysAgo(10), Last = TestEvents.DaysAgo(4) };
        archive.Gaps[2] = 3;
        var profile = CustomerProfile.Create("old");
        profile.ArchivedOrders = archive;
        profile.Apply(TestEvents.Order("kept", TestEvents.DaysAgo(1), 20m));

        var history = profile.CurrentPurchaseHistory()!;
        Assert.Equal(4, history.RepeatPurchases);
        Assert.Equal((30m + 20m) / 4, history.MeanRepeatValue);
    }

    [Fact]
    public void BeyondItsCapacityAProfileKeepsTheNewestTickets()
    {
        var profile = CustomerProfile.Create("hot");
        for (var i = 0; i < 1_000; i++)
        {
            profile.Apply(TestEvents.TicketOpened($"t-{i:D4}", TestEvents.DaysAgo(1_000 - i)));
            Assert.True(profile.Satisfaction.Tickets.Count <= CustomerProfile.TicketCapacity * 5 / 4);
        }
        profile.Apply(TestEvents.TicketResolved("t-0999", TestEvents.DaysAgo(0.5), slaBreached: true));

        Assert.Contains("t-0999", profile.Satisfaction.Tickets.Keys);
        Assert.DoesNotContain("t-0000", profile.Satisfaction.Tickets.Keys);
        Assert.Equal(SatisfactionClassifier.Unsatisfied, ProfileClassifier.Default.Classify(profile, TestEvents.Now).Single(c => c.Dimension == Dimensions.Satisfaction).Value);
    }

    private static void AssertSummariesAreWalks(CustomerProfile profile)
    {
        // The purchase history kept from the index (distinct days counted on insert and removal) is the walk's too.
        Assert.Equal(PurchaseHistory.Of(profile.Orders.Values), profile.CurrentPurchaseHistory());
        foreach (var now in Moments)
        {
            foreach (var (window, active) in new[] { (365, 90), (30, 7), (400, 0) })
            {
                var summary = OrderSummary.Of(profile, now, window, active);
                var walk = Walk(profile, now, window, active);
                Assert.Equal(walk, summary);
                Assert.Equal(walk.RevenueInWindow.Scale, summary.RevenueInWindow.Scale);
                Assert.Equal(walk.LifetimeRevenue.Scale, summary.LifetimeRevenue.Scale);
            }
        }
    }

    /// <summary>The summary as a walk over every order computes it: the definition the index must keep to.</summary>
    private static OrderSummary Walk(CustomerProfile profile, DateTimeOffset now, int windowDays, int activeDays)
    {
        var windowStart = now.AddDays(-windowDays);
        var counted = profile.Orders.Values.Where(o => o.Counts).ToList();
        var dates = counted.Select(o => o.CompletedAt!.Value).Order().ToList();
        var inWindow = counted.Where(o => o.CompletedAt > windowStart).ToList();
        decimal revenueInWindow = 0, lifetimeRevenue = 0;
        foreach (var o in inWindow) revenueInWindow += o.NetRevenue;
        foreach (var o in counted) lifetimeRevenue += o.NetRevenue;
        var reactivations = dates.Skip(1).Where((d, i) => OrderSummary.DaysBetween(dates[i], d) > activeDays).Count();
        return new OrderSummary(dates.Count == 0 ? null : dates[0], dates.Count == 0 ? null : dates[^1], inWindow.Count,
            revenueInWindow, counted.Count, lifetimeRevenue, reactivations);
    }
}
