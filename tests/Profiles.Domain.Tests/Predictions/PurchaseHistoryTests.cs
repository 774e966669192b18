using Profiles.Domain.Predictions;
using Profiles.Domain.Profiles;
using Profiles.Domain.Profiles.Packing;
using Profiles.Domain.Statistics;

namespace Profiles.Domain.Tests.Predictions;

public sealed class PurchaseHistoryTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PurchasesOnOneDayCountAsOnePurchase()
    {
        var history = PurchaseHistory.Of([(Monday, 10m), (Monday.AddHours(6), 5m)])!;
        Assert.Equal(0, history.RepeatPurchases);
        Assert.Equal(history.FirstPurchaseDay, history.LastPurchaseDay);
        Assert.Equal(0m, history.MeanRepeatValue);
    }

    [Fact]
    public void TheMeanRepeatValueLeavesOutTheFirstDayAndSumsEachDaysOrders()
    {
        var history = PurchaseHistory.Of([(Monday, 100m), (Monday.AddDays(3), 20m), (Monday.AddDays(3).AddHours(2), 30m), (Monday.AddDays(10), 10m)])!;
        Assert.Equal(2, history.RepeatPurchases);
        Assert.Equal(30m, history.MeanRepeatValue); // (20 + 30 + 10) / 2
        Assert.Equal(PopulationContribution.DayOf(Monday), history.FirstPurchaseDay);
        Assert.Equal(10, history.LastPurchaseDay - history.FirstPurchaseDay);
    }

    [Fact]
    public void ArrivalOrderDoesNotMatter()
    {
        (DateTimeOffset, decimal)[] purchases = [(Monday.AddDays(10), 10m), (Monday, 100m), (Monday.AddDays(3), 20m)];
        Assert.Equal(PurchaseHistory.Of(purchases), PurchaseHistory.Of(purchases.Reverse()));
    }

    [Fact]
    public void TheMeanIsRoundedSoThatPopulationSumsStayExact()
    {
        var history = PurchaseHistory.OfDays([(1, 0m), (2, 100m), (3, 0m), (4, 0m)])!;
        Assert.Equal(33.3333m, history.MeanRepeatValue);
    }

    [Fact]
    public void TimeSinceTheFirstPurchaseAdvancesWithTheClockInTheChosenUnit()
    {
        var history = PurchaseHistory.OfDays([(700, 1m), (714, 1m)])!;
        Assert.Equal(2, history.Recency(7));
        Assert.Equal(4, history.Age(728, 7));
        Assert.Equal(28, history.Age(728, 1));
        // A clock behind the last purchase (an order stamped in the future) never makes T shorter than t_x.
        Assert.Equal(2, history.Age(705, 7));
    }

    [Fact]
    public void OnlyCountedOrdersArePurchases()
    {
        var orders = new[]
        {
            new OrderRecord { CompletedAt = Monday, Revenue = 50m },
            new OrderRecord { CompletedAt = Monday.AddDays(2), Revenue = 80m, Cancelled = true },
            new OrderRecord { Revenue = 0m, Refunded = 10m }, // a refund seen before its order
            new OrderRecord { CompletedAt = Monday.AddDays(5), Revenue = 40m, Refunded = 15m },
        };
        var history = PurchaseHistory.Of(orders)!;
        Assert.Equal(1, history.RepeatPurchases);
        Assert.Equal(25m, history.MeanRepeatValue);
        Assert.Null(PurchaseHistory.Of(Array.Empty<OrderRecord>()));
    }

    [Fact]
    public void AWrittenHistoryReadsBackTheSame()
    {
        var history = new PurchaseHistory(739_402, 739_950, 17, 123.4567m);
        var writer = new PackedWriter();
        history.Write(writer);
        var reader = new PackedReader(writer.WrittenSpan);
        Assert.Equal(history, PurchaseHistory.Read(ref reader));
        Assert.True(reader.End);
    }
}
