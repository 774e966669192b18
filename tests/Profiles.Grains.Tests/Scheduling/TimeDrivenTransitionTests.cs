using Profiles.Abstractions.Grains;
using Profiles.Domain.Classification;
using Profiles.Grains.Scheduling;
using Profiles.Grains.Tests.Cluster;
using static Profiles.Grains.Tests.TestEvents;

namespace Profiles.Grains.Tests.Scheduling;

[Collection(ClusterCollection.Name)]
public sealed class TimeDrivenTransitionTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = ClusterFixture.Timeout;

    [Fact]
    public async Task ASilentCustomerTurnsDormantWhenItsBucketFiresWithoutBeingRead()
    {
        var id = NewId("silent-bucket");
        var customer = fixture.Customer(id);
        var now = fixture.Clock.GetUtcNow();
        await customer.ApplyAsync([Order(now.AddDays(-60), 100m), Order(now.AddDays(-10), 100m)]);

        // Nothing reads the customer from here on: only its time bucket can move it.
        var cursor = fixture.Client.GetGrain<IWakeCursorGrain>(0);
        await cursor.TickAsync();
        fixture.Clock.Advance(TimeSpan.FromDays(100));
        var observer = await fixture.ObserveChangesAsync();
        var woken = await cursor.TickAsync();

        Assert.True(woken >= 1, $"the tick woke {woken} customers");
        var pushed = await observer.WaitForAsync(
            c => c.CustomerId == id && c.Dimension == Dimensions.Lifecycle && c.NewClass == LifecycleClassifier.Dormant, Timeout);
        Assert.Equal(LifecycleClassifier.Active, pushed.OldClass);
        Assert.Null(pushed.MessageId);
    }

    [Fact]
    public async Task ACustomerIsScheduledForItsNextTimeDrivenChangeAndNotForEveryEvent()
    {
        var id = NewId("scheduled");
        var customer = fixture.Customer(id);
        var now = fixture.Clock.GetUtcNow();
        await customer.ApplyAsync([Order(now.AddDays(-3), 100m)]);
        var first = fixture.Storage.WritesOf(customer.GetGrainId());

        // A second order moves every time-driven deadline later: the existing, earlier wake-up stays.
        await customer.ApplyAsync([Order(now.AddDays(-1), 100m)]);
        Assert.Equal(first + 1, fixture.Storage.WritesOf(customer.GetGrainId()));

        // The earliest deadline of the first order: R drops from 5 to 4 once the order is more than 14 days old.
        var bucket = WakeSchedule.BucketOf(now.AddDays(-3).AddDays(15));
        var bucketGrain = fixture.Client.GetGrain<IWakeBucketGrain>(WakeSchedule.KeyOf(bucket, id));
        Assert.Equal(1, await bucketGrain.FireAsync());
        Assert.Equal(0, await bucketGrain.FireAsync());
    }
}
