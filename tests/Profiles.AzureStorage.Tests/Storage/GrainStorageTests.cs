using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Orleans.Runtime;
using Orleans.Storage;
using Profiles.AzureStorage.Connection;
using Profiles.AzureStorage.Storage;
using Profiles.Testing.Azurite;

namespace Profiles.AzureStorage.Tests.Storage;

/// <summary>
/// The behaviour the Orleans grain storage test kit checks, of the official Azure Table provider as the host registers it
/// (inside <see cref="GuardedGrainStorage"/>), against a real Azurite.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class GrainStorageTests(AzuriteFixture azurite)
{
    private static TestState Sample(string text) => new() { Text = text, Number = text.Length };

    [Fact]
    public async Task ReadOfMissingStateGivesDefaultStateWithoutETag()
    {
        await using var harness = await GrainStorageHarness.CreateAsync(azurite.ConnectionString);

        var state = await harness.ReadAsync(GrainStorageHarness.NewGrainId());

        Assert.NotNull(state.State);
        Assert.Null(state.State!.Text);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task WrittenStateReadsBackWithTheSameETag()
    {
        await using var harness = await GrainStorageHarness.CreateAsync(azurite.ConnectionString);
        var grainId = GrainStorageHarness.NewGrainId();
        var written = new GrainState<TestState>(Sample("hello"));

        await harness.Storage.WriteStateAsync("state", grainId, written);
        var read = await harness.ReadAsync(grainId);

        Assert.NotNull(written.ETag);
        Assert.True(written.RecordExists);
        Assert.Equal("hello", read.State!.Text);
        Assert.Equal(5, read.State!.Number);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task WriteWithoutETagOverExistingStateThrowsInconsistentState()
    {
        await using var harness = await GrainStorageHarness.CreateAsync(azurite.ConnectionString);
        var grainId = GrainStorageHarness.NewGrainId();
        await harness.Storage.WriteStateAsync("state", grainId, new GrainState<TestState>(Sample("first")));

        await Assert.ThrowsAnyAsync<InconsistentStateException>(
            () => harness.Storage.WriteStateAsync("state", grainId, new GrainState<TestState>(Sample("second"))));
        Assert.Equal("first", (await harness.ReadAsync(grainId)).State!.Text);
    }

    [Fact]
    public async Task WriteWithStaleETagThrowsInconsistentState()
    {
        await using var harness = await GrainStorageHarness.CreateAsync(azurite.ConnectionString);
        var grainId = GrainStorageHarness.NewGrainId();
        var first = new GrainState<TestState>(Sample("one"));
        await harness.Storage.WriteStateAsync("state", grainId, first);
        var stale = new GrainState<TestState>(Sample("stale")) { ETag = first.ETag };
        first.State = Sample("two");
        await harness.Storage.WriteStateAsync("state", grainId, first);

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => harness.Storage.WriteStateAsync("state", grainId, stale));
        Assert.Equal("two", (await harness.ReadAsync(grainId)).State!.Text);
    }

    [Fact]
    public async Task ETagChangesOnEveryWrite()
    {
        await using var harness = await GrainStorageHarness.CreateAsync(azurite.ConnectionString);
        var grainId = GrainStorageHarness.NewGrainId();
        var state = new GrainState<TestState>(Sample("v"));
        var etags = new HashSet<string>();

        for (var i = 0; i < 5; i++)
        {
            state.State!.Number = i;
            await harness.Storage.WriteStateAsync("state", grainId, state);
            Assert.True(etags.Add(state.ETag!), $"write {i} returned an ETag seen before");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClearLeavesNoRecordAndChangesETag(bool deleteStateOnClear)
    {
        await using var harness = await GrainStorageHarness.CreateAsync(azurite.ConnectionString, o => o.DeleteStateOnClear = deleteStateOnClear);
        var grainId = GrainStorageHarness.NewGrainId();
        var state = new GrainState<TestState>(Sample("doomed"));
        await harness.Storage.WriteStateAsync("state", grainId, state);
        var written = state.ETag;

        await harness.Storage.ClearStateAsync("state", grainId, state);
        var read = await harness.ReadAsync(grainId);

        Assert.False(state.RecordExists);
        Assert.NotNull(state.State);
        Assert.Null(state.State!.Text);
        Assert.NotEqual(written, state.ETag);
        Assert.False(read.RecordExists);
        Assert.Null(read.State!.Text);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClearIsIdempotentAndStateCanBeWrittenAgain(bool deleteStateOnClear)
    {
        await using var harness = await GrainStorageHarness.CreateAsync(azurite.ConnectionString, o => o.DeleteStateOnClear = deleteStateOnClear);
        var grainId = GrainStorageHarness.NewGrainId();
        var state = new GrainState<TestState>(Sample("x"));
        await harness.Storage.WriteStateAsync("state", grainId, state);

        await harness.Storage.ClearStateAsync("state", grainId, state);
        await harness.Storage.ClearStateAsync("state", grainId, state);
        state.State = Sample("again");
        await harness.Storage.WriteStateAsync("state", grainId, state);

        var read = await harness.ReadAsync(grainId);
        Assert.True(read.RecordExists);
        Assert.Equal("again", read.State!.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClearWithStaleETagThrowsInconsistentState(bool deleteStateOnClear)
    {
        await using var harness = await GrainStorageHarness.CreateAsync(azurite.ConnectionString, o => o.DeleteStateOnClear = deleteStateOnClear);
        var grainId = GrainStorageHarness.NewGrainId();
        var state = new GrainState<TestState>(Sample("one"));
        await harness.Storage.WriteStateAsync("state", grainId, state);
        var stale = new GrainState<TestState>(Sample("one")) { ETag = state.ETag };
        await harness.Storage.WriteStateAsync("state", grainId, state);

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => harness.Storage.ClearStateAsync("state", grainId, stale));
        Assert.True((await harness.ReadAsync(grainId)).RecordExists);
    }

    [Fact]
    public async Task ClearWithoutETagLeavesStateWrittenByOthersWhenDeleting()
    {
        // The official provider skips a delete without an ETag: a grain that never read the row cannot remove it.
        await using var harness = await GrainStorageHarness.CreateAsync(azurite.ConnectionString, o => o.DeleteStateOnClear = true);
        var grainId = GrainStorageHarness.NewGrainId();
        await harness.Storage.WriteStateAsync("state", grainId, new GrainState<TestState>(Sample("theirs")));

        await harness.Storage.ClearStateAsync("state", grainId, new GrainState<TestState>());

        Assert.Equal("theirs", (await harness.ReadAsync(grainId)).State!.Text);
    }

    [Fact]
    public async Task StateNamesOfOneGrainAreIndependent()
    {
        await using var harness = await GrainStorageHarness.CreateAsync(azurite.ConnectionString);
        var grainId = GrainStorageHarness.NewGrainId();
        var profile = new GrainState<TestState>(Sample("profile"));
        var settings = new GrainState<TestState>(Sample("settings"));

        await harness.Storage.WriteStateAsync("profile", grainId, profile);
        await harness.Storage.WriteStateAsync("settings", grainId, settings);
        await harness.Storage.ClearStateAsync("settings", grainId, settings);

        Assert.Equal("profile", (await harness.ReadAsync(grainId, "profile")).State!.Text);
        Assert.False((await harness.ReadAsync(grainId, "settings")).RecordExists);
        Assert.False((await harness.ReadAsync(grainId, "other")).RecordExists);
    }

    [Fact]
    public async Task StateJustUnderTheSizeLimitRoundTrips()
    {
        await using var harness = await GrainStorageHarness.CreateAsync(azurite.ConnectionString);
        var grainId = GrainStorageHarness.NewGrainId();
        var blob = new byte[GuardedGrainStorage.MaxStateSize - 64];
        new Random(42).NextBytes(blob);

        await harness.Storage.WriteStateAsync("state", grainId, new GrainState<TestState>(new TestState { Blob = blob }));
        var read = await harness.ReadAsync(grainId);

        Assert.Equal(blob, read.State!.Blob);
    }

    [Fact]
    public async Task StateOverTheSizeLimitIsRefusedClearlyAndNothingIsWritten()
    {
        await using var harness = await GrainStorageHarness.CreateAsync(azurite.ConnectionString);
        var grainId = GrainStorageHarness.NewGrainId();
        var state = new GrainState<TestState>(Sample("small"));
        await harness.Storage.WriteStateAsync("state", grainId, state);
        var etag = state.ETag;
        state.State = new TestState { Blob = new byte[GuardedGrainStorage.MaxStateSize + 1] };

        var error = await Assert.ThrowsAsync<GrainStateTooLargeException>(() => harness.Storage.WriteStateAsync("state", grainId, state));

        Assert.Contains("983,040", error.Message, StringComparison.Ordinal);
        Assert.Contains(grainId.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal(etag, state.ETag);
        var read = await harness.ReadAsync(grainId);
        Assert.Equal("small", read.State!.Text);
        Assert.Equal(etag, read.ETag);
    }

    [Fact]
    public async Task HostileGrainKeysAreStoredSeparatelyAndReadBack()
    {
        await using var harness = await GrainStorageHarness.CreateAsync(azurite.ConnectionString);
        string[] keys =
        [
            "a/b", "a_b", "a\\b", "a#b", "a?b", "a__b", "a_/b", "a/_b", "a//b",
            "a\u0000b", "a\u0001b", "a\u001Fb", "a\u007Fb", "a\u0085b", "a\u009Fb", "a\tb", "a\nb",
            "a\u00A4b", "a\u00A42Fb", "a\u00A45Fb", "a%2Fb", "a b", "a'b", "ä/ö", "/", "_", "\u00A4",
        ];

        foreach (var key in keys)
        {
            await harness.Storage.WriteStateAsync("state", GrainStorageHarness.NewGrainId(key), new GrainState<TestState>(Sample(key)));
        }

        foreach (var key in keys)
        {
            var read = await harness.ReadAsync(GrainStorageHarness.NewGrainId(key));
            Assert.True(read.RecordExists, $"no state for key {Escape(key)}");
            Assert.Equal(key, read.State!.Text);
        }
    }

    [Fact]
    public async Task OrdinaryKeysUseTheOfficialProvidersLayout()
    {
        await using var harness = await GrainStorageHarness.CreateAsync(azurite.ConnectionString);
        var grainId = GrainStorageHarness.NewGrainId("customer-42_x@example.com");
        await harness.Storage.WriteStateAsync("profile", grainId, new GrainState<TestState>(Sample("official")));

        var table = new TableClient(azurite.ConnectionString, harness.Options.TableName);
        var officialPartitionKey = $"{harness.ServiceId}_{grainId}".Replace('/', '_');
        Assert.Equal(officialPartitionKey, AzureTableGrainKeys.PartitionKey(harness.ServiceId, grainId));
        var row = await table.GetEntityAsync<TableEntity>(officialPartitionKey, "profile");

        var data = Assert.IsType<byte[]>(row.Value["Data"]);
        Assert.Equal("official", harness.Options.GrainStorageSerializer.Deserialize<TestState>(new BinaryData(data))!.Text);
    }

    [Theory]
    [InlineData('k', 1100)]
    [InlineData('#', 256)]
    [InlineData('\u00A4', 300)]
    public async Task AGrainKeyTooLongForAnAzureKeyIsStoredAndReadBack(char c, int length)
    {
        // Azure keys hold 512 characters; forbidden characters take three each once escaped.
        await using var harness = await GrainStorageHarness.CreateAsync(azurite.ConnectionString);
        var grainId = GrainStorageHarness.NewGrainId(new string(c, length));
        var neighbour = GrainStorageHarness.NewGrainId(new string(c, length - 1) + "z");
        await harness.Storage.WriteStateAsync("state", grainId, new GrainState<TestState>(Sample("long")));
        await harness.Storage.WriteStateAsync("state", neighbour, new GrainState<TestState>(Sample("neighbour")));

        var read = new GrainState<TestState>();
        await harness.Storage.ReadStateAsync("state", grainId, read);

        Assert.True(read.RecordExists);
        Assert.Equal("long", read.State!.Text);
    }

    [Fact]
    public async Task UnreachableStorageErrorsReachTheCaller()
    {
        await using var down = await AzuriteInstance.StartAsync();
        await using var harness = await GrainStorageHarness.CreateAsync(new AzureTableConnection { ConnectionString = down.ConnectionString, MaxRetries = 0 });
        var grainId = GrainStorageHarness.NewGrainId();
        await down.StopAsync();

        var error = await Record.ExceptionAsync(() => harness.ReadAsync(grainId));

        Assert.NotNull(error);
        Assert.IsNotType<InconsistentStateException>(error);
        Assert.True(error is RequestFailedException or AggregateException or HttpRequestException, error.ToString());
    }

    [Fact]
    public async Task OrleansBinarySerializerIsTheDefault()
    {
        await using var harness = await GrainStorageHarness.CreateAsync(azurite.ConnectionString);

        Assert.IsType<PooledBinaryGrainStorageSerializer>(harness.Options.GrainStorageSerializer);
    }

    private static string Escape(string key) =>
        string.Concat(key.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
}
