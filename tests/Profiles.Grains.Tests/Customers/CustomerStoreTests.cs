using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Profiles.Domain.Classification;
using Profiles.Domain.Profiles;
using Profiles.Domain.Profiles.Packing;
using Profiles.Domain.Statistics;
using Profiles.Grains.Customers.Storage;
using Profiles.Grains.Storage;
using Xunit;

namespace Profiles.Grains.Tests.Customers;

/// <summary>
/// A customer's stored form on the silo's serialized storage: rows of the first form load and are written over in the
/// packed form; a customer with a long history writes a row of the same small size as a new one, its history in a
/// bounded number of chunks; an erasure leaves nothing.
/// </summary>
public sealed class CustomerStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer(s => s.AddAssembly(typeof(CustomerRow).Assembly)).BuildServiceProvider();
    private readonly SerializedMemoryGrainStorage _storage;

    public CustomerStoreTests() =>
        _storage = new SerializedMemoryGrainStorage(
            _services.GetRequiredService<Serializer>(), _services.GetRequiredService<Orleans.Serialization.Session.SerializerSessionPool>(), _services.GetRequiredService<IActivatorProvider>());

    [Fact]
    public async Task ARowOfTheFirstStoredFormLoadsWithItsBookkeepingAndIsWrittenOverInThePackedForm()
    {
        var grain = GrainId.Create("customer", "ada");
        var legacy = new StoredProfileV1 { CustomerId = "ada", ScheduledCheck = 42, MergedInto = null };
        legacy.Orders["o-1"] = new OrderRecord { CompletedAt = Now, Revenue = 120m, CompletionMessageId = "m-1" };
        legacy.AppliedMessages.Add("m-1");
        legacy.EventsApplied = 1;
        legacy.Traits["email"] = new Stamped<string>("ada@example.com", Now, "m-0");
        legacy.Engagement.LegacySessions = ["s-1", "s-2"];
        legacy.EmailAddresses.Add("ada@example.com");
        legacy.ReportedContribution = new PopulationContribution { Frequency = 1, Monetary = 120m, LastOrderDay = 10 };
        await _storage.WriteStateAsync(CustomerStore.RowState, grain, new GrainState<StoredProfileV1>(legacy));

        var store = Store(grain, "ada");
        await store.LoadAsync();

        Assert.True(store.IsStored);
        Assert.Equal(120m, store.Profile.Orders["o-1"].Revenue);
        Assert.Equal(2, store.Profile.Engagement.SessionCount);
        Assert.Equal(42, store.Bookkeeping.ScheduledCheck);
        Assert.Equal(120m, PopulationContribution.Unpack(store.Bookkeeping.ReportedContribution!).Monetary);
        Assert.Equal(ApplyOutcome.Duplicate, store.Profile.Apply(TestEvents.Order(Now, 1m, "m-1")));
        store.Profile.Apply(TestEvents.Order(Now, 5m));
        await store.StoreAsync();

        var row = new GrainState<CustomerRow>();
        await _storage.ReadStateAsync(CustomerStore.RowState, grain, row);
        Assert.Equal(CustomerRow.CurrentFormat, row.State!.Format);
        var again = Store(grain, "ada");
        await again.LoadAsync();
        Assert.Equal(Facts(store.Profile), Facts(again.Profile));
        Assert.Contains("ada@example.com", again.Bookkeeping.EmailAddresses!);
    }

    [Fact]
    public async Task ACustomerWithALongHistoryWritesARowNoLargerThanANewCustomerAndReadsEverythingBack()
    {
        var grain = GrainId.Create("customer", "busy");
        var store = Store(grain, "busy");
        await store.LoadAsync();
        var rowSizes = new List<int>();
        for (var i = 0; i < 3_000; i++)
        {
            store.Profile.Apply(TestEvents.Order(Now.AddDays(-300).AddHours(i), 10m + i % 9));
            store.Profile.Apply(TestEvents.Page(Now.AddDays(-300).AddHours(i), sessionId: $"s-{i % 700}"));
            store.Profile.Reclassify(ProfileClassifier.Default, Now, causedBy: null);
            await store.StoreAsync();
            rowSizes.Add(await RowBytesAsync(grain));
        }

        Assert.InRange(store.Chunks.Count, 1, CustomerStore.MaxChunks);
        // Every write's row: the facts and at most a checkpoint's worth of changes, whatever the history.
        Assert.All(rowSizes, size => Assert.True(size < 1_500 + CustomerStore.CheckpointBytes, $"{size:N0} bytes"));
        var again = Store(grain, "busy");
        await again.LoadAsync();
        Assert.Equal(Facts(store.Profile), Facts(again.Profile));
        Assert.Equal(store.Profile.AppliedMessages.Ids, again.Profile.AppliedMessages.Ids);
        // Only the row and the chunks in force (and none a compaction replaced) are stored.
        Assert.Equal(1 + store.Chunks.Count, _storage.Count);
    }

    [Fact]
    public async Task AChunkLeftByAWriteThatFailedIsNeverReadAndIsOverwrittenByTheNextCheckpoint()
    {
        var grain = GrainId.Create("customer", "unlucky");
        var store = Store(grain, "unlucky");
        await store.LoadAsync();
        store.Profile.Apply(TestEvents.Order(Now, 10m));
        await store.StoreAsync();
        // What a write that failed after its chunk would leave: a chunk the row does not name.
        await _storage.WriteStateAsync("history.0", grain, new GrainState<HistoryChunkRow>(new HistoryChunkRow { Entries = [ProfileCodec.Version, 2, 0] }));

        var reloaded = Store(grain, "unlucky");
        await reloaded.LoadAsync();
        Assert.Single(reloaded.Profile.Orders);
        for (var i = 0; i < 100; i++) reloaded.Profile.Apply(TestEvents.Order(Now.AddMinutes(i), 5m));
        await reloaded.StoreAsync();

        var last = Store(grain, "unlucky");
        await last.LoadAsync();
        Assert.Equal(101, last.Profile.Orders.Count);
        Assert.Equal([0], last.Chunks);
    }

    [Fact]
    public async Task AnErasureLeavesNoRowAndNoChunk()
    {
        var grain = GrainId.Create("customer", "gone");
        var store = Store(grain, "gone");
        await store.LoadAsync();
        for (var i = 0; i < 500; i++)
        {
            store.Profile.Apply(TestEvents.Order(Now.AddHours(-i), 10m));
            await store.StoreAsync();
        }
        Assert.NotEmpty(store.Chunks);

        await store.ClearAsync();

        Assert.Equal(0, _storage.Count);
        var again = Store(grain, "gone");
        await again.LoadAsync();
        Assert.False(again.IsStored);
        Assert.Equal(0, again.Profile.EventsApplied);
    }

    [Fact]
    public async Task AnIdleSmallCustomerIsKeptPackedAndExpandsToTheSameProfile()
    {
        var grain = GrainId.Create("customer", "small");
        var store = Store(grain, "small");
        await store.LoadAsync();
        store.Profile.Apply(TestEvents.Order(Now, 10m));
        store.Profile.Reclassify(ProfileClassifier.Default, Now, causedBy: null);
        var expected = Facts(store.Profile);
        await store.StoreAsync();
        store.Pack();

        Assert.Equal(expected, Facts(store.Profile));
        Assert.Equal(ApplyOutcome.Duplicate, store.Profile.Apply(TestEvents.Order(Now, 10m, store.Profile.AppliedMessages.Ids.Single())));
    }

    private CustomerStore Store(GrainId grain, string customerId) => new(_storage, grain, customerId, NullLogger.Instance);

    private async Task<int> RowBytesAsync(GrainId grain)
    {
        var row = new GrainState<CustomerRow>();
        await _storage.ReadStateAsync(CustomerStore.RowState, grain, row);
        return row.State!.Facts.Length + row.State.Changes.Length;
    }

    /// <summary>Everything of the profile, in a canonical order (the export's sorted shape).</summary>
    private static string Facts(CustomerProfile profile) =>
        System.Text.Json.JsonSerializer.Serialize(Profiles.Grains.Customers.RecordExports.From(profile, new CustomerBookkeeping()));

    public void Dispose() => _services.Dispose();
}
