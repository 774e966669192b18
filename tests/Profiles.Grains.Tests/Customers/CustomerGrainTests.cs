using System.Collections.Immutable;
using Profiles.Abstractions.Grains;
using Profiles.Domain.Classification;
using Profiles.Domain.Events;
using Profiles.Grains.Tests.Cluster;
using static Profiles.Grains.Tests.TestEvents;

namespace Profiles.Grains.Tests.Customers;

[Collection(ClusterCollection.Name)]
public sealed class CustomerGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = ClusterFixture.Timeout;

    [Fact]
    public async Task ApplyFoldsTheEventsAndTheProfileShowsRfmSegmentLifecycleAndEachClassWithItsCause()
    {
        var id = NewId("fold");
        var now = fixture.Clock.GetUtcNow();
        var first = Order(now.AddDays(-60), 100m);
        var second = Order(now.AddDays(-10), 200m);
        var survey = Survey(now.AddDays(-5), csat: 5);

        // One call each, so each is its own drain and classification (events of one drain are classified together).
        var results = new List<ApplyResult>();
        foreach (var e in new CustomerEvent[] { first, second, survey }) results.Add(await fixture.Customer(id).ApplyAsync([e]));
        var result = new ApplyResult(results.Sum(r => r.Applied), results.Sum(r => r.Duplicates));
        var view = await fixture.Customer(id).GetProfileAsync();

        Assert.Equal(new ApplyResult(3, 0), result);
        Assert.NotNull(view);
        Assert.Equal(id, view.CustomerId);
        Assert.Equal(3, view.EventsApplied);
        Assert.Equal(10, view.Recency);
        Assert.Equal(2, view.Frequency);
        Assert.Equal(300m, view.Monetary);
        Assert.Equal((5, 2, 3), (view.Scores.R, view.Scores.F, view.Scores.M));
        Assert.Equal("potential-loyalists", view.RfmSegment);
        Assert.Equal(LifecycleClassifier.Active, view.Lifecycle);
        Assert.Equal(SatisfactionClassifier.Satisfied, view.Satisfaction);
        Assert.Equal(ValueClassifier.B, view.ValueTier);
        Assert.Equal(ValueClassifier.High, view.PurchasingPower);
        Assert.Equal(2, view.Orders.Lifetime);

        // Each class names the event that moved the customer into it: the first order made it active, the second
        // moved the RFM segment, the survey made it satisfied.
        Assert.Equal(first.MessageId, view.Classes[Dimensions.Lifecycle].CausedBy);
        Assert.Equal(second.MessageId, view.Classes[Dimensions.Rfm].CausedBy);
        Assert.Equal(survey.MessageId, view.Classes[Dimensions.Satisfaction].CausedBy);
        Assert.Equal(view.Lifecycle, view.Classes[Dimensions.Lifecycle].Value);
        Assert.Contains("last order 10 days ago", view.Classes[Dimensions.Lifecycle].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownCustomerHasNoProfileAndNothingIsWritten()
    {
        var customer = fixture.Customer(NewId("unknown"));

        var view = await customer.GetProfileAsync();

        Assert.Null(view);
        Assert.Equal(0, fixture.Storage.WritesOf(customer.GetGrainId()));
    }

    [Fact]
    public async Task EventsAppliedBeforeAreCountedAsDuplicatesByMessageIdAndChangeNothing()
    {
        var customer = fixture.Customer(NewId("dup"));
        var now = fixture.Clock.GetUtcNow();
        var first = Order(now.AddDays(-3), 80m);
        var second = Order(now.AddDays(-2), 40m);
        await customer.ApplyAsync([first, second]);
        var before = await customer.GetProfileAsync();
        var writes = fixture.Storage.WritesOf(customer.GetGrainId());

        var again = await customer.ApplyAsync([first, second]);
        var sameIdOtherContent = await customer.ApplyAsync([Order(now.AddDays(-1), 999m, messageId: first.MessageId)]);
        var mixed = await customer.ApplyAsync([second, Order(now.AddDays(-1), 30m)]);
        var after = await customer.GetProfileAsync();

        Assert.Equal(new ApplyResult(0, 2), again);
        Assert.Equal(new ApplyResult(0, 1), sameIdOtherContent);
        Assert.Equal(new ApplyResult(1, 1), mixed);
        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.Equal(120m, before.Monetary);
        Assert.Equal(before.EventsApplied + 1, after.EventsApplied);
        Assert.Equal(150m, after.Monetary);
        Assert.Equal(3, after.Frequency);
        // Only the call with a new event wrote.
        Assert.Equal(writes + 1, fixture.Storage.WritesOf(customer.GetGrainId()));
    }

    [Fact]
    public async Task ManyConcurrentCallsForOneCustomerShareFewerWritesThanCallsAndApplyEveryEventOnce()
    {
        const int calls = 40;
        var customer = fixture.Customer(NewId("group"));
        var now = fixture.Clock.GetUtcNow();
        var events = Enumerable.Range(0, calls).Select(i => Order(now.AddHours(-i - 1), 10m)).ToList();
        var hold = fixture.Storage.HoldWritesOf(customer.GetGrainId());
        var arrived = fixture.Calls.ExpectCallsAsync(customer.GetGrainId(), calls);

        // The first write is held until every call has reached the grain, so the others queue behind it.
        var pending = events.Select(e => customer.ApplyAsync([e])).ToList();
        await hold.Entered.WaitAsync(Timeout);
        await arrived.WaitAsync(Timeout);
        hold.Release();
        var results = await Task.WhenAll(pending).WaitAsync(Timeout);

        Assert.All(results, r => Assert.Equal((1, 0), (r.Applied, r.Duplicates)));
        // Exactly one call made the customer (the first folded into a profile nothing was stored for).
        Assert.Single(results, r => r.Created);
        // One write for what came first, one for everything that queued behind it.
        Assert.InRange(fixture.Storage.WritesOf(customer.GetGrainId()), 1, 2);

        // What was acknowledged is durable: a new activation reads every event back from storage.
        await fixture.Cluster.DeactivateAsync(customer);
        var view = await customer.GetProfileAsync();
        Assert.NotNull(view);
        Assert.Equal(calls, view.EventsApplied);
        Assert.Equal(calls, view.Frequency);
        Assert.Equal(calls * 10m, view.Monetary);
        Assert.Equal(new ApplyResult(0, calls), await customer.ApplyAsync([.. events]));
    }

    [Fact]
    public async Task WhenTheWriteFailsNoCallIsAcknowledgedAndARetryAfterRecoveryAppliesTheEventsExactlyOnce()
    {
        var customer = fixture.Customer(NewId("fail"));
        var grainId = customer.GetGrainId();
        var now = fixture.Clock.GetUtcNow();
        var kept = Order(now.AddDays(-20), 50m);
        await customer.ApplyAsync([kept]);

        var lost = ImmutableArray.Create<CustomerEvent>(Order(now.AddDays(-2), 70m), Survey(now.AddDays(-1), nps: 10));
        var queued = ImmutableArray.Create<CustomerEvent>(Order(now.AddDays(-1), 30m));
        var hold = fixture.Storage.HoldWritesOf(grainId);
        fixture.Storage.FailWritesOf(grainId);

        // One call is in the failing write, the other waits for the next one: both are refused.
        var inWrite = customer.ApplyAsync(lost);
        await hold.Entered.WaitAsync(Timeout);
        var waiting = customer.ApplyAsync(queued);
        hold.Release();
        var refused = await Assert.ThrowsAsync<ProfileUnavailableException>(() => inWrite.WaitAsync(Timeout));
        await Assert.ThrowsAsync<ProfileUnavailableException>(() => waiting.WaitAsync(Timeout));
        Assert.Contains("could not be stored", refused.Message, StringComparison.Ordinal);

        // Storage is back: the customer is served from what storage holds, without the refused events.
        fixture.Storage.RecoverWritesOf(grainId);
        var afterOutage = await customer.GetProfileAsync();
        Assert.NotNull(afterOutage);
        Assert.Equal(1, afterOutage.EventsApplied);
        Assert.Equal(50m, afterOutage.Monetary);
        Assert.Equal("none", afterOutage.Nps);

        // The client retries with the same message ids: applied now, once.
        Assert.Equal(new ApplyResult(2, 0), await customer.ApplyAsync(lost));
        Assert.Equal(new ApplyResult(1, 0), await customer.ApplyAsync(queued));
        Assert.Equal(new ApplyResult(0, 3), await customer.ApplyAsync([.. lost, .. queued]));
        await fixture.Cluster.DeactivateAsync(customer);
        var view = await customer.GetProfileAsync();
        Assert.NotNull(view);
        Assert.Equal(4, view.EventsApplied);
        Assert.Equal(3, view.Frequency);
        Assert.Equal(150m, view.Monetary);
        Assert.Equal("promoter", view.Nps);
    }

    [Fact]
    public async Task ACallWithAMissingEventIsRefusedOnItsOwnAndTheCustomerKeepsWorking()
    {
        var customer = fixture.Customer(NewId("poison"));
        var now = fixture.Clock.GetUtcNow();
        await customer.ApplyAsync([Order(now.AddDays(-3), 20m)]);

        await Assert.ThrowsAsync<ArgumentException>(() => customer.ApplyAsync([Order(now.AddDays(-2), 30m), null!]).WaitAsync(Timeout));
        Assert.Equal(new ApplyResult(0, 0), await customer.ApplyAsync(default).WaitAsync(Timeout));

        Assert.Equal(new ApplyResult(1, 0), await customer.ApplyAsync([Order(now.AddDays(-1), 40m)]).WaitAsync(Timeout));
        var view = await customer.GetProfileAsync().WaitAsync(Timeout);
        Assert.NotNull(view);
        Assert.Equal(2, view.EventsApplied);
        Assert.Equal(60m, view.Monetary);
    }

    [Fact]
    public async Task AnEventTheProfileCannotFoldRefusesItsCallWithoutStoringItAndTheCustomerKeepsWorking()
    {
        var customer = fixture.Customer(NewId("overflow"));
        var now = fixture.Clock.GetUtcNow();
        await customer.ApplyAsync([Order(now.AddDays(-3), 20m)]);

        // Two orders whose revenues add up beyond decimal's range: classifying them throws while folding.
        var huge = decimal.MaxValue / 1.5m;
        await Assert.ThrowsAsync<ProfileUnavailableException>(
            () => customer.ApplyAsync([Order(now.AddDays(-2), huge), Order(now.AddDays(-2), huge)]).WaitAsync(Timeout));

        Assert.Equal(new ApplyResult(1, 0), await customer.ApplyAsync([Order(now.AddDays(-1), 40m)]).WaitAsync(Timeout));
        var view = await customer.GetProfileAsync().WaitAsync(Timeout);
        Assert.NotNull(view);
        Assert.Equal(2, view.EventsApplied);
        Assert.Equal(60m, view.Monetary);
    }
}
