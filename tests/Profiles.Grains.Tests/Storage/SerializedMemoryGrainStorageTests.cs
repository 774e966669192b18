using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Profiles.Domain.Profiles;
using Profiles.Domain.Profiles.Packing;
using Profiles.Grains.Customers.Storage;
using Profiles.Grains.Storage;
using Xunit;

namespace Profiles.Grains.Tests.Storage;

/// <summary>The silo's in-memory grain storage keeps serialized states and checks ETags as durable storage does.</summary>
public sealed class SerializedMemoryGrainStorageTests : IDisposable
{
    private const string StateName = "profile";
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();
    private readonly SerializedMemoryGrainStorage _storage;
    private readonly GrainId _grain = GrainId.Create("customer", "ada");

    public SerializedMemoryGrainStorageTests() =>
        _storage = new SerializedMemoryGrainStorage(
            _services.GetRequiredService<Serializer>(), _services.GetRequiredService<Orleans.Serialization.Session.SerializerSessionPool>(), _services.GetRequiredService<IActivatorProvider>());

    [Fact]
    public async Task AStoredProfileReadsBackAsACopyThatStillKnowsTheMessagesItApplied()
    {
        var order = TestEvents.Order(Now, 120m);
        var profile = CustomerProfile.Create("ada");
        profile.Apply(order);
        var written = new GrainState<CustomerRow>(Row(profile));
        await _storage.WriteStateAsync(StateName, _grain, written);

        var read = new GrainState<CustomerRow>();
        await _storage.ReadStateAsync(StateName, _grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.NotSame(written.State, read.State);
        var copy = ProfileCodec.Read(read.State!.Facts.Span, [], read.State.Changes.Span);
        Assert.Equal(1, copy.EventsApplied);
        Assert.Equal(ApplyOutcome.Duplicate, copy.Apply(order));
    }

    [Fact]
    public async Task AWriteWithAnOutdatedETagIsRefusedAndTheStoredStateStays()
    {
        var profile = CustomerProfile.Create("ada");
        var first = new GrainState<CustomerRow>(Row(profile));
        await _storage.WriteStateAsync(StateName, _grain, first);
        var stale = new GrainState<CustomerRow>(Row(profile)) { ETag = first.ETag };
        profile.Apply(TestEvents.Order(Now, 10m));
        first.State = Row(profile);
        await _storage.WriteStateAsync(StateName, _grain, first);

        var other = CustomerProfile.Create("ada");
        other.Apply(TestEvents.Order(Now, 99m));
        stale.State = Row(other);
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, _grain, stale));
        // A second activation that never read the state may not overwrite it either.
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            _storage.WriteStateAsync(StateName, _grain, new GrainState<CustomerRow>(Row(other))));

        var read = new GrainState<CustomerRow>();
        await _storage.ReadStateAsync(StateName, _grain, read);
        Assert.Equal(first.ETag, read.ETag);
        Assert.Equal(10m, Assert.Single(ProfileCodec.Read(read.State!.Facts.Span, [], read.State.Changes.Span).Orders).Value.Revenue);
    }

    [Fact]
    public async Task AClearedStateReadsAsNeverStoredAndOnlyTheCurrentETagMayClearIt()
    {
        var state = new GrainState<CustomerRow>(Row(CustomerProfile.Create("ada")));
        await _storage.WriteStateAsync(StateName, _grain, state);
        var stale = new GrainState<CustomerRow>(Row(CustomerProfile.Create("ada"))) { ETag = "0" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync(StateName, _grain, stale));

        await _storage.ClearStateAsync(StateName, _grain, state);
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);

        var read = new GrainState<CustomerRow>();
        await _storage.ReadStateAsync(StateName, _grain, read);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.True(read.State!.Facts.IsEmpty);
        Assert.Equal(0, _storage.Count);
    }

    [Fact]
    public async Task OfWritersRacingWithTheSameETagExactlyOneWinsAndAClearRacingThemLeavesNoHalfState()
    {
        for (var round = 0; round < 200; round++)
        {
            var grain = GrainId.Create("customer", $"race-{round}");
            var first = new GrainState<CustomerRow>(Row(CustomerProfile.Create("ada")));
            await _storage.WriteStateAsync(StateName, grain, first);

            var racers = Enumerable.Range(0, 8).Select(_ => new GrainState<CustomerRow>(Row(CustomerProfile.Create("ada"))) { ETag = first.ETag }).ToList();
            var clearer = new GrainState<CustomerRow>(Row(CustomerProfile.Create("ada"))) { ETag = first.ETag };
            var writes = racers.Select(r => Task.Run(() => Outcome(() => _storage.WriteStateAsync(StateName, grain, r)))).ToList();
            var clear = Task.Run(() => Outcome(() => _storage.ClearStateAsync(StateName, grain, clearer)));
            var outcomes = await Task.WhenAll(writes.Append(clear));

            // One of the nine holding the same ETag changed the state; every other was told its ETag is outdated.
            Assert.Equal(1, outcomes.Count(ok => ok));
            var read = new GrainState<CustomerRow>();
            await _storage.ReadStateAsync(StateName, grain, read);
            if (outcomes[^1])
            {
                Assert.False(read.RecordExists);
            }
            else
            {
                Assert.Equal(racers.Single(r => r.ETag != first.ETag).ETag, read.ETag);
            }
        }
    }

    [Fact]
    public async Task AStateWrittenOverALargerOneReadsBackAsItselfWithNothingOfTheOneBefore()
    {
        var large = CustomerProfile.Create("ada");
        for (var i = 0; i < 40; i++) large.Apply(TestEvents.Order(Now.AddMinutes(i), 10m + i));
        var state = new GrainState<CustomerRow>(Row(large));
        await _storage.WriteStateAsync(StateName, _grain, state);

        var small = CustomerProfile.Create("ada");
        small.Apply(TestEvents.Order(Now, 7m));
        state.State = Row(small);
        await _storage.WriteStateAsync(StateName, _grain, state);

        var read = new GrainState<CustomerRow>();
        await _storage.ReadStateAsync(StateName, _grain, read);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(state.State.Facts.ToArray(), read.State!.Facts.ToArray());
        Assert.Equal(state.State.Changes.ToArray(), read.State.Changes.ToArray());
        Assert.Equal(7m, Assert.Single(ProfileCodec.Read(read.State.Facts.Span, [], read.State.Changes.Span).Orders).Value.Revenue);
    }

    [Fact]
    public async Task AStateThatCannotBeSerializedIsRefusedAndTheStoredStateStaysAsItWas()
    {
        var profile = CustomerProfile.Create("ada");
        profile.Apply(TestEvents.Order(Now, 10m));
        var stored = new GrainState<object>(Row(profile));
        await _storage.WriteStateAsync(StateName, _grain, stored);
        var etag = stored.ETag;

        // A type without a serializer: the write fails before the stored bytes are touched.
        stored.State = new System.Text.StringBuilder("not a state");
        await Assert.ThrowsAnyAsync<Exception>(() => _storage.WriteStateAsync(StateName, _grain, stored));

        var read = new GrainState<CustomerRow>();
        await _storage.ReadStateAsync(StateName, _grain, read);
        Assert.Equal(etag, read.ETag);
        Assert.Equal(10m, Assert.Single(ProfileCodec.Read(read.State!.Facts.Span, [], read.State.Changes.Span).Orders).Value.Revenue);
    }

    private static async Task<bool> Outcome(Func<Task> call)
    {
        try
        {
            await call();
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }

    [Fact]
    public void AVeryActiveCustomersStoredProfileStaysFarBelowWhatAnAzureTableEntityCanHold()
    {
        // 20,000 orders (a hot customer, or a bot): beyond the capacity the oldest are summed up, so the stored form
        // stays bounded instead of growing until Azure Table storage refuses it (1 MB an entity) for good.
        var profile = CustomerProfile.Create("hot");
        decimal revenue = 0;
        for (var i = 0; i < 20_000; i++)
        {
            profile.Apply(TestEvents.Order(Now.AddDays(-400).AddMinutes(i * 20), 10m + i % 7));
            revenue += 10m + i % 7;
        }
        profile.Reclassify(Profiles.Domain.Classification.ProfileClassifier.Default, Now, causedBy: null);

        var whole = ProfileCodec.Whole(profile);

        Assert.True(whole.Length < 400_000, $"{whole.Length:N0} bytes stored");
        Assert.True(profile.Orders.Count <= CustomerProfile.OrderCapacity * 5 / 4, $"{profile.Orders.Count} orders kept");
        var copy = ProfileCodec.ReadWhole(whole);
        var summary = Profiles.Domain.Classification.ProfileClassifier.Default.Summarize(copy!, Now);
        Assert.Equal((20_000, revenue, Now.AddDays(-400)), (summary.LifetimeOrders, summary.LifetimeRevenue, summary.FirstOrder));
    }

    private static CustomerRow Row(CustomerProfile profile) => new()
    {
        Format = CustomerRow.CurrentFormat, Facts = ProfileCodec.Facts(profile), Changes = ProfileCodec.Changes(profile),
    };

    public void Dispose() => _services.Dispose();
}
