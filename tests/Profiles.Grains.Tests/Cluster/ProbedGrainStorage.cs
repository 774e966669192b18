using Orleans.Storage;

namespace Profiles.Grains.Tests.Cluster;

/// <summary>The silo's profile storage in tests: Orleans memory storage behind a <see cref="StorageProbe"/>.</summary>
public sealed class ProbedGrainStorage(IGrainStorage inner, StorageProbe probe) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await probe.BeforeWriteAsync(grainId, stateName);
        await inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
