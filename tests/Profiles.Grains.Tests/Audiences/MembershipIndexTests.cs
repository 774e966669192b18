using System.Collections.Immutable;
using Profiles.Abstractions.Audiences;
using Profiles.Abstractions.Grains;
using Profiles.Domain.Audiences;
using Profiles.Domain.Classification;
using Profiles.Grains.Tests.Cluster;
using static Profiles.Grains.Tests.TestEvents;

namespace Profiles.Grains.Tests.Audiences;

[Collection(ClusterCollection.Name)]
public sealed class MembershipIndexTests(ClusterFixture fixture)
{
    private static readonly AudienceTerm Satisfied = new(Dimensions.Satisfaction, SatisfactionClassifier.Satisfied);
    private static readonly AudienceTerm Unsatisfied = new(Dimensions.Satisfaction, SatisfactionClassifier.Unsatisfied);

    private IAudienceShardGrain ShardOf(string customerId) => fixture.Client.GetGrain<IAudienceShardGrain>(AudienceShards.Of(customerId));

    private async Task<bool> IsListedAsync(string customerId, AudienceTerm term)
    {
        var page = await ShardOf(customerId).ListAsync(new AudienceQuery { Terms = [term], Limit = 100_000 });
        return page.Members.Any(m => m.CustomerId == customerId);
    }

    private async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task ACustomerIsListedInEachOfItsClassesAndMovesWhenAClassChanges()
    {
        var id = NewId("listed");
        var customer = fixture.Customer(id);
        var now = fixture.Clock.GetUtcNow();

        await customer.ApplyAsync([Survey(now.AddMinutes(-2), csat: 1)]);
        await WaitUntilAsync(() => IsListedAsync(id, Unsatisfied), "listed as unsatisfied");
        var view = await customer.GetProfileAsync();
        foreach (var (dimension, state) in view!.Classes)
            Assert.True(await IsListedAsync(id, new AudienceTerm(dimension, state.Value)), $"not listed in {dimension} {state.Value}");

        await customer.ApplyAsync([Survey(now.AddMinutes(-1), csat: 5)]);
        await WaitUntilAsync(() => IsListedAsync(id, Satisfied), "listed as satisfied");
        Assert.False(await IsListedAsync(id, Unsatisfied));
    }

    [Fact]
    public async Task AnErasedCustomerIsInNoListOnceTheErasureAnswers()
    {
        var id = NewId("erased-listing");
        var customer = fixture.Customer(id);
        await customer.ApplyAsync([Survey(fixture.Clock.GetUtcNow(), csat: 1)]);
        await WaitUntilAsync(() => IsListedAsync(id, Unsatisfied), "listed");

        await customer.EraseAsync();

        var all = await ShardOf(id).ListAsync(new AudienceQuery { Limit = 100_000 });
        Assert.DoesNotContain(all.Members, m => m.CustomerId == id);
    }

    [Fact]
    public async Task AListingTheIndexCouldNotStoreIsHandedOverByTheCustomersNextActivationWhenItsBucketWakesIt()
    {
        var id = NewId("recovered-listing");
        var customer = fixture.Customer(id);
        var shard = ShardOf(id).GetGrainId();
        var attempts = fixture.Storage.WritesOf(shard);
        fixture.Storage.FailWritesOf(shard);
        try
        {
            // The profile is stored; its listing is not (the shard's storage is down when the hand-over reaches it).
            await customer.ApplyAsync([Survey(fixture.Clock.GetUtcNow(), csat: 1)]);
            await WaitUntilAsync(() => Task.FromResult(fixture.Storage.WritesOf(shard) > attempts), "the shard tried to store the listing");
            Assert.False(await IsListedAsync(id, Unsatisfied));
        }
        finally
        {
            fixture.Storage.RecoverWritesOf(shard);
        }

        // As if its silo had died: the next activation knows only what the row says, a listing not confirmed.
        await fixture.Cluster.DeactivateAsync(customer);
        Assert.False(await IsListedAsync(id, Unsatisfied));

        // Nobody touches the customer: its recovery bucket, stored with the write, wakes it within a bucket or two.
        var cursor = fixture.Client.GetGrain<IWakeCursorGrain>(0);
        await cursor.TickAsync();
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        await cursor.TickAsync();
        await WaitUntilAsync(() => IsListedAsync(id, Unsatisfied), "listed after the wake-up");
    }

    [Fact]
    public async Task AProfileMergedIntoAnotherLeavesEveryListAndTheCustomerTakesItsPlace()
    {
        var visitor = NewId("visitor");
        var user = NewId("user");
        var now = fixture.Clock.GetUtcNow();
        await fixture.Customer(visitor).ApplyAsync([Survey(now, csat: 1)]);
        await WaitUntilAsync(() => IsListedAsync(visitor, Unsatisfied), "visitor listed");

        await fixture.Customer(user).ApplyAsync([Page(now)], byUserId: true);
        await fixture.Customer(visitor).MergeIntoAsync(user);

        await WaitUntilAsync(async () => !await IsListedAsync(visitor, Unsatisfied), "visitor no longer listed");
        await WaitUntilAsync(() => IsListedAsync(user, Unsatisfied), "user listed with the visitor's survey");
        var all = await ShardOf(visitor).ListAsync(new AudienceQuery { Limit = 100_000 });
        Assert.DoesNotContain(all.Members, m => m.CustomerId == visitor);
        Assert.Equal(0, await ShardOf(visitor).CountAsync(ImmutableArray.Create(new AudienceTerm(Dimensions.Satisfaction, "x"))));
    }
}
