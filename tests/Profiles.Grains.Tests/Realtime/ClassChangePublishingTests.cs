using Profiles.Domain.Classification;
using Profiles.Grains.Tests.Cluster;
using static Profiles.Grains.Tests.TestEvents;

namespace Profiles.Grains.Tests.Realtime;

[Collection(ClusterCollection.Name)]
public sealed class ClassChangePublishingTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = ClusterFixture.Timeout;

    [Fact]
    public async Task ClassChangesReachTheSiloObserversWithOldAndNewClassAndTheCausingMessage()
    {
        var observer = await fixture.ObserveChangesAsync();
        var id = NewId("push");
        var customer = fixture.Customer(id);
        var now = fixture.Clock.GetUtcNow();
        var first = Order(now.AddDays(-60), 100m);
        var second = Order(now.AddDays(-5), 200m);

        await customer.ApplyAsync([first]);
        await customer.ApplyAsync([second]);

        var becameActive = await observer.WaitForAsync(c => c.CustomerId == id && c.Dimension == Dimensions.Lifecycle, Timeout);
        Assert.Null(becameActive.OldClass);
        Assert.Equal(LifecycleClassifier.Active, becameActive.NewClass);
        Assert.Equal(first.MessageId, becameActive.MessageId);

        var segmentMoved = await observer.WaitForAsync(
            c => c.CustomerId == id && c.Dimension == Dimensions.Rfm && c.MessageId == second.MessageId, Timeout);
        Assert.Equal("about-to-sleep", segmentMoved.OldClass);
        Assert.Equal("potential-loyalists", segmentMoved.NewClass);

        // Every dimension was published once for the first event; only the classes that moved for the second.
        var changes = observer.ChangesOf(id);
        Assert.Equal(Dimensions.All.Order(), changes.Where(c => c.MessageId == first.MessageId).Select(c => c.Dimension).Order());
        Assert.DoesNotContain(changes, c => c.MessageId == second.MessageId && c.Dimension == Dimensions.Lifecycle);
    }

    [Fact]
    public async Task TheEventsOfOneCallAreClassifiedOnceAndEachNetChangeNamesTheLatestOfThem()
    {
        var observer = await fixture.ObserveChangesAsync();
        var id = NewId("drain");
        var now = fixture.Clock.GetUtcNow();
        var recent = Order(now.AddDays(-5), 100m);
        var older = Order(now.AddDays(-60), 100m);

        // Alone, the recent order would make the customer new and the older one then active: classified once after
        // both, the customer goes straight to active, and the change names the latest event, not the last to arrive.
        await fixture.Customer(id).ApplyAsync([recent, older]);

        var lifecycle = await observer.WaitForAsync(c => c.CustomerId == id && c.Dimension == Dimensions.Lifecycle, Timeout);
        Assert.Equal((null, LifecycleClassifier.Active, recent.MessageId), (lifecycle.OldClass, lifecycle.NewClass, lifecycle.MessageId));
        var changes = observer.ChangesOf(id);
        Assert.Equal(Dimensions.All.Order(), changes.Select(c => c.Dimension).Order());
        Assert.All(changes, c => Assert.Equal(recent.MessageId, c.MessageId));
        var view = await fixture.Customer(id).GetProfileAsync();
        Assert.Equal(recent.MessageId, view!.Classes[Dimensions.Lifecycle].CausedBy);
    }

    [Fact]
    public async Task ReadingASilentCustomer100DaysLaterMovesItFromActiveToDormantAndPublishesThatWithoutACause()
    {
        var id = NewId("silent");
        var customer = fixture.Customer(id);
        var now = fixture.Clock.GetUtcNow();
        await customer.ApplyAsync([Order(now.AddDays(-60), 100m), Order(now.AddDays(-10), 100m)]);
        var before = await customer.GetProfileAsync();
        Assert.Equal(LifecycleClassifier.Active, before?.Lifecycle);

        fixture.Clock.Advance(TimeSpan.FromDays(100));
        // The host renews its observer every few seconds; after the jump, the registry wants a fresh renewal.
        var observer = await fixture.ObserveChangesAsync();
        var later = await customer.GetProfileAsync();

        Assert.NotNull(later);
        Assert.Equal(LifecycleClassifier.Dormant, later.Lifecycle);
        Assert.Equal(110, later.Recency);
        var lifecycle = later.Classes[Dimensions.Lifecycle];
        Assert.Null(lifecycle.CausedBy);
        Assert.True(lifecycle.Since >= now.AddDays(100), $"dormant since {lifecycle.Since}, expected after {now.AddDays(100)}");

        var pushed = await observer.WaitForAsync(
            c => c.CustomerId == id && c.Dimension == Dimensions.Lifecycle && c.NewClass == LifecycleClassifier.Dormant, Timeout);
        Assert.Equal(LifecycleClassifier.Active, pushed.OldClass);
        Assert.Equal(LifecycleClassifier.Dormant, pushed.NewClass);
        Assert.Null(pushed.MessageId);

        // The move was stored: a new activation still sees the customer dormant since then.
        await fixture.Cluster.DeactivateAsync(customer);
        var reread = await customer.GetProfileAsync();
        Assert.Equal(lifecycle, reread?.Classes[Dimensions.Lifecycle]);
    }
}
