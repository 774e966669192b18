using Profiles.Abstractions.Grains;
using Profiles.Domain.Classification;
using Profiles.Domain.Events;
using Profiles.Grains.Tests.Cluster;
using static Profiles.Grains.Tests.TestEvents;

namespace Profiles.Grains.Tests.IdentityClaims;

[Collection(ClusterCollection.Name)]
public sealed class IdentityMergeTests(ClusterFixture fixture)
{
    private IIdentityGrain Identity(string id) => fixture.Client.GetGrain<IIdentityGrain>(id);

    private static EngagementRecorded Page(DateTimeOffset at, string? messageId = null) => new()
    {
        MessageId = messageId ?? NewId("page"), Timestamp = at, Engagement = EngagementKind.Page, Name = "Pricing", SessionId = NewId("session"),
    };

    [Fact]
    public async Task LinkingAnAnonymousIdMergesItsHistoryCountersAndClassesIntoTheCustomer()
    {
        var (anonymous, customer) = (NewId("anon"), NewId("user"));
        var now = fixture.Clock.GetUtcNow();
        await fixture.Customer(anonymous).ApplyAsync([Page(now.AddDays(-3)), Page(now.AddDays(-2)), Order(now.AddDays(-2), 100m), Survey(now.AddDays(-1), csat: 5)]);
        await fixture.Customer(customer).ApplyAsync([Order(now.AddDays(-1), 50m)]);

        var winner = await Identity(anonymous).LinkAsync(customer);
        var view = await fixture.Customer(customer).GetProfileAsync();

        Assert.Equal(customer, winner);
        Assert.NotNull(view);
        Assert.Equal(customer, view.CustomerId);
        Assert.Equal(5, view.EventsApplied);
        Assert.Equal(2, view.Frequency);
        Assert.Equal(150m, view.Monetary);
        Assert.Equal(2, view.Engagement.PageViews);
        Assert.Equal(2, view.Engagement.Sessions);
        Assert.Equal(SatisfactionClassifier.Satisfied, view.Satisfaction);
        Assert.Equal(LifecycleClassifier.New, view.Lifecycle);
        Assert.Contains(anonymous, view.Identities);
        Assert.Equal(customer, await Identity(anonymous).ResolveAsync());
    }

    [Fact]
    public async Task TheAnonymousProfileAnswersWithTheCustomersProfileOnceMerged()
    {
        var (anonymous, customer) = (NewId("anon"), NewId("user"));
        var now = fixture.Clock.GetUtcNow();
        await fixture.Customer(anonymous).ApplyAsync([Page(now.AddHours(-1))]);

        await Identity(anonymous).LinkAsync(customer);
        var view = await fixture.Customer(anonymous).GetProfileAsync();

        Assert.NotNull(view);
        Assert.Equal(customer, view.CustomerId);
        Assert.Equal(1, view.Engagement.PageViews);
    }

    [Fact]
    public async Task TwoMergesRacingForTheSameAnonymousIdBothSucceedAndTheEventsAreCountedOnce()
    {
        var (anonymous, customer) = (NewId("anon"), NewId("user"));
        var now = fixture.Clock.GetUtcNow();
        await fixture.Customer(anonymous).ApplyAsync([Order(now.AddDays(-1), 70m), Page(now.AddDays(-1))]);

        var winners = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Identity(anonymous).LinkAsync(customer)));
        var view = await fixture.Customer(customer).GetProfileAsync();

        Assert.All(winners, w => Assert.Equal(customer, w));
        Assert.NotNull(view);
        Assert.Equal(2, view.EventsApplied);
        Assert.Equal(1, view.Frequency);
        Assert.Equal(70m, view.Monetary);
    }

    [Fact]
    public async Task WhenTwoCustomersRaceForOneAnonymousIdTheFirstClaimWinsForBothAndOnlyItGetsTheEvents()
    {
        var (anonymous, first, second) = (NewId("anon"), NewId("user"), NewId("user"));
        var now = fixture.Clock.GetUtcNow();
        await fixture.Customer(anonymous).ApplyAsync([Order(now.AddDays(-1), 70m)]);

        var winners = await Task.WhenAll(Identity(anonymous).LinkAsync(first), Identity(anonymous).LinkAsync(second));

        Assert.Equal(winners[0], winners[1]);
        var winner = winners[0];
        var loser = winner == first ? second : first;
        Assert.Equal(1, (await fixture.Customer(winner).GetProfileAsync())!.Frequency);
        Assert.Null(await fixture.Customer(loser).GetProfileAsync());
    }

    [Fact]
    public async Task AMergeSentAgainChangesNothing()
    {
        var (anonymous, customer) = (NewId("anon"), NewId("user"));
        var now = fixture.Clock.GetUtcNow();
        await fixture.Customer(anonymous).ApplyAsync([Order(now.AddDays(-1), 30m)]);

        await Identity(anonymous).LinkAsync(customer);
        await Identity(anonymous).LinkAsync(customer);
        await fixture.Customer(anonymous).MergeIntoAsync(customer);
        await fixture.Customer(anonymous).MergeIntoAsync(customer);
        var view = await fixture.Customer(customer).GetProfileAsync();

        Assert.NotNull(view);
        Assert.Equal(1, view.EventsApplied);
        Assert.Equal(30m, view.Monetary);
    }

    [Fact]
    public async Task EventsForTheAnonymousIdAfterTheMergeReachTheCustomerAndRetriesOfOldOnesAreDuplicates()
    {
        var (anonymous, customer) = (NewId("anon"), NewId("user"));
        var now = fixture.Clock.GetUtcNow();
        var before = Order(now.AddDays(-2), 40m);
        await fixture.Customer(anonymous).ApplyAsync([before]);
        await Identity(anonymous).LinkAsync(customer);

        var after = await fixture.Customer(anonymous).ApplyAsync([Order(now.AddDays(-1), 60m), Page(now)]);
        var retry = await fixture.Customer(anonymous).ApplyAsync([before]);
        var view = await fixture.Customer(customer).GetProfileAsync();

        Assert.Equal(new ApplyResult(2, 0), after);
        Assert.Equal(new ApplyResult(0, 1), retry);
        Assert.NotNull(view);
        Assert.Equal(2, view.Frequency);
        Assert.Equal(100m, view.Monetary);
        Assert.Equal(1, view.Engagement.PageViews);
        Assert.Equal(3, view.EventsApplied);
    }

    [Fact]
    public async Task EventsQueuedWithTheMergeAreCountedOnceWhereverTheyLand()
    {
        var (anonymous, customer) = (NewId("anon"), NewId("user"));
        var now = fixture.Clock.GetUtcNow();
        var orders = Enumerable.Range(0, 20).Select(i => Order(now.AddMinutes(-i), 10m)).ToList();

        var applying = orders.Select(o => fixture.Customer(anonymous).ApplyAsync([o])).ToList();
        var linking = Identity(anonymous).LinkAsync(customer);
        await Task.WhenAll(applying);
        await linking;
        var view = await fixture.Customer(customer).GetProfileAsync();

        Assert.NotNull(view);
        Assert.Equal(20, view.Frequency);
        Assert.Equal(200m, view.Monetary);
    }

    [Fact]
    public async Task AnIdentityNobodyClaimedResolvesToNoOne()
    {
        Assert.Null(await Identity(NewId("nobody")).ResolveAsync());
        var self = NewId("self");
        Assert.Equal(self, await Identity(self).LinkAsync(self));
        Assert.Null(await Identity(self).ResolveAsync());
    }

    [Fact]
    public async Task AnAliasBackToAnIdentityThatAlreadyResolvedHereIsRefusedSoNoProfileForwardsInACircle()
    {
        var (first, second) = (NewId("a"), NewId("b"));
        var now = fixture.Clock.GetUtcNow();
        await fixture.Customer(first).ApplyAsync([Order(now.AddDays(-1), 10m)]);
        await fixture.Customer(second).ApplyAsync([Order(now.AddDays(-1), 20m)]);

        Assert.Equal(second, await Identity(first).LinkAsync(second));
        Assert.Equal(second, await Identity(second).LinkAsync(first));
        var view = await fixture.Customer(first).GetProfileAsync();

        Assert.NotNull(view);
        Assert.Equal(second, view.CustomerId);
        Assert.Equal(30m, view.Monetary);
    }

    [Fact]
    public async Task ALinkThatWouldCloseALongerCircleIsRefusedAndTheChainStillEndsAtOneCustomer()
    {
        var (a, b, c) = (NewId("a"), NewId("b"), NewId("c"));
        var now = fixture.Clock.GetUtcNow();
        foreach (var id in new[] { a, b, c }) await fixture.Customer(id).ApplyAsync([Order(now.AddDays(-1), 10m)]);

        Assert.Equal(b, await Identity(a).LinkAsync(b));
        Assert.Equal(c, await Identity(b).LinkAsync(c));
        Assert.Equal(c, await Identity(c).LinkAsync(a));

        Assert.Null(await Identity(c).ResolveAsync());
        foreach (var id in new[] { a, b, c })
        {
            var view = await fixture.Customer(id).GetProfileAsync();
            Assert.NotNull(view);
            Assert.Equal(c, view.CustomerId);
            Assert.Equal(30m, view.Monetary);
        }
    }

    [Fact]
    public async Task TwoIdsLinkedToEachOtherAtOnceBecomeOneCustomerWithBothProfilesAndNoCircle()
    {
        for (var round = 0; round < 10; round++)
        {
            var (p, q) = (NewId("p"), NewId("q"));
            var now = fixture.Clock.GetUtcNow();
            await fixture.Customer(p).ApplyAsync([Order(now.AddDays(-1), 10m)]);
            await fixture.Customer(q).ApplyAsync([Order(now.AddDays(-1), 20m)]);

            var winners = await Task.WhenAll(Identity(p).LinkAsync(q), Identity(q).LinkAsync(p));

            Assert.Equal(winners[0], winners[1]);
            await AssertOneCustomerAsync([p, q], winners[0], monetary: 30m);
        }
    }

    [Fact]
    public async Task EightLinksAroundARingOfThreeIdsAtOnceLeaveOneCustomerWithEveryOrderOnce()
    {
        for (var round = 0; round < 5; round++)
        {
            var (x, y, z) = (NewId("x"), NewId("y"), NewId("z"));
            var now = fixture.Clock.GetUtcNow();
            foreach (var id in new[] { x, y, z }) await fixture.Customer(id).ApplyAsync([Order(now.AddDays(-1), 10m)]);
            (string Identity, string Customer)[] links = [(y, x), (x, y), (z, y), (y, z), (x, z), (z, x), (y, x), (x, z)];

            await Task.WhenAll(links.Select(l => Identity(l.Identity).LinkAsync(l.Customer)));

            var roots = new List<string>();
            foreach (var id in new[] { x, y, z })
            {
                if (await Identity(id).ResolveAsync() is null) roots.Add(id);
            }
            await AssertOneCustomerAsync([x, y, z], Assert.Single(roots), monetary: 30m);
        }
    }

    /// <summary>Every id answers with the customer's profile, which has each id's order once; only the customer is unclaimed.</summary>
    private async Task AssertOneCustomerAsync(string[] ids, string customer, decimal monetary)
    {
        Assert.Null(await Identity(customer).ResolveAsync());
        foreach (var id in ids)
        {
            var view = await fixture.Customer(id).GetProfileAsync();
            Assert.NotNull(view);
            Assert.Equal(customer, view.CustomerId);
            Assert.Equal(monetary, view.Monetary);
            Assert.Equal(ids.Length, view.Frequency);
            if (id != customer) Assert.True((await Identity(id).GetRecordAsync()).Merged, $"{id} was claimed but not merged");
        }
    }

    [Fact]
    public async Task AMergedAwayProfileIgnoresItsTimeBucketWakeUps()
    {
        var (anonymous, customer) = (NewId("anon"), NewId("user"));
        var now = fixture.Clock.GetUtcNow();
        await fixture.Customer(anonymous).ApplyAsync([Order(now.AddDays(-1), 10m)]);
        await Identity(anonymous).LinkAsync(customer);
        var writes = fixture.Storage.WritesOf(fixture.Customer(anonymous).GetGrainId());

        await fixture.Customer(anonymous).WakeAsync();

        Assert.Equal(writes, fixture.Storage.WritesOf(fixture.Customer(anonymous).GetGrainId()));
    }
}
