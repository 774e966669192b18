using Azure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using Profiles.AzureStorage.Storage;
using Profiles.Testing.Azurite;

namespace Profiles.AzureStorage.Tests.Storage;

/// <summary>
/// What the official provider's own key encoding does with ids a hostile sender can choose, on Azurite — the reason the
/// host never hands it a grain id without <see cref="AzureTableGrainKeys.SafeGrainId"/> — and the same ids through the guard.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class OfficialKeyEncodingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task OnItsOwnTheOfficialProviderStoresIdsThatDifferOnlyInASlashOrHashInOneRow()
    {
        await using var harness = await GrainStorageHarness.CreateAsync(azurite.ConnectionString);
        var official = Official(harness);

        await official.WriteStateAsync("state", GrainStorageHarness.NewGrainId("a/b"), new GrainState<TestState>(new TestState { Text = "slash" }));
        var underscore = new GrainState<TestState>();
        await official.ReadStateAsync("state", GrainStorageHarness.NewGrainId("a_b"), underscore);
        var hash = new GrainState<TestState>();
        await official.ReadStateAsync("state", GrainStorageHarness.NewGrainId("a#b"), hash);

        // Three customers, one row: "a_b" and "a#b" read "a/b"'s profile.
        Assert.Equal("slash", underscore.State!.Text);
        Assert.Equal("slash", hash.State!.Text);
    }

    [Theory]
    [InlineData("ctl\u0001")]
    [InlineData("del\u007F")]
    public async Task OnItsOwnTheOfficialProviderCannotStoreAnIdWithAControlCharacter(string key)
    {
        await using var harness = await GrainStorageHarness.CreateAsync(azurite.ConnectionString);

        var error = await Record.ExceptionAsync(() =>
            Official(harness).WriteStateAsync("state", GrainStorageHarness.NewGrainId(key), new GrainState<TestState>(new TestState { Text = "x" })));

        Assert.IsType<RequestFailedException>(error);
    }

    [Theory]
    [InlineData('#', 256)]
    [InlineData('k', 600)]
    public async Task OnItsOwnTheOfficialProviderCannotStoreAnIdWhosePartitionKeyIsOverAzuresLimit(char c, int length)
    {
        await using var harness = await GrainStorageHarness.CreateAsync(azurite.ConnectionString);
        var grainId = GrainStorageHarness.NewGrainId(new string(c, length));
        var official = Official(harness);

        var error = await Record.ExceptionAsync(() => official.WriteStateAsync("state", grainId, new GrainState<TestState>(new TestState { Text = "long" })));

        if (c == '#')
        {
            // 256 '#' become 256 '_': it fits, so it is stored — in the row of the customer called 256 '_'.
            Assert.Null(error);
            var underscores = new GrainState<TestState>();
            await official.ReadStateAsync("state", GrainStorageHarness.NewGrainId(new string('_', length)), underscores);
            Assert.Equal("long", underscores.State!.Text);
        }
        else
        {
            Assert.IsType<RequestFailedException>(error);
        }
    }

    [Theory]
    [InlineData("a/b", "a_b", "a#b", "a?b", "a\\b", "a%2Fb", "a%b")]
    public async Task ThroughTheGuardEveryOneOfTheseIdsHasARowOfItsOwn(params string[] keys)
    {
        await using var harness = await GrainStorageHarness.CreateAsync(azurite.ConnectionString);
        string[] all = [.. keys, "ctl\u0001", "del\u007F", new string('#', 256), new string('_', 256), new string('k', 600), "\u00A4"];

        foreach (var key in all)
            await harness.Storage.WriteStateAsync("state", GrainStorageHarness.NewGrainId(key), new GrainState<TestState>(new TestState { Text = key }));

        foreach (var key in all)
            Assert.Equal(key, (await harness.ReadAsync(GrainStorageHarness.NewGrainId(key))).State!.Text);
    }

    private static IGrainStorage Official(GrainStorageHarness harness) =>
        Assert.IsType<GuardedGrainStorage>(harness.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageHarness.ProviderName)).Inner;
}
