using Orleans.Storage;
using Profiles.Testing.Azurite;

namespace Profiles.AzureStorage.Tests.Storage;

/// <summary>The outage tools other suites rely on: Azurite stopped and started again on the same port.</summary>
public sealed class AzuriteRestartTests
{
    [Fact]
    public async Task StateOnDiskSurvivesAnAzuriteRestartOnTheSamePort()
    {
        await using var azurite = await AzuriteInstance.StartAsync(new AzuriteOptions { PersistToDisk = true });
        await using var harness = await GrainStorageHarness.CreateAsync(azurite.ConnectionString);
        var grainId = GrainStorageHarness.NewGrainId();
        var state = new GrainState<TestState>(new TestState { Text = "before" });
        await harness.Storage.WriteStateAsync("state", grainId, state);
        var port = azurite.Port;

        await azurite.StopAsync();
        var duringOutage = await Record.ExceptionAsync(() => harness.ReadAsync(grainId));
        await azurite.StartAsync();

        Assert.NotNull(duringOutage);
        Assert.IsNotType<InconsistentStateException>(duringOutage);
        Assert.Equal(port, azurite.Port);
        var read = await harness.ReadAsync(grainId);
        Assert.Equal("before", read.State!.Text);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task InMemoryAzuriteStartsEmptyAfterARestart()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        await using (var harness = await GrainStorageHarness.CreateAsync(azurite.ConnectionString))
        {
            await harness.Storage.WriteStateAsync("state", GrainStorageHarness.NewGrainId(), new GrainState<TestState>(new TestState()));
        }

        await azurite.StopAsync();
        Assert.False(azurite.IsRunning);
        await azurite.StartAsync();

        var tables = new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString).QueryAsync();
        await foreach (var _ in tables)
        {
            Assert.Fail("an in-memory Azurite kept a table across a restart");
        }
    }
}
