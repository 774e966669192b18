using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Profiles.Abstractions.Grains;

namespace Profiles.Host.Tests.Infrastructure;

/// <summary>
/// Puts the host's profile storage behind a switch: while <see cref="Failing"/>, writes and deletions throw with storage's
/// own kind of words (an address, a status line), as an unreachable storage account does; reads still work.
/// </summary>
public sealed class StorageSwitch
{
    /// <summary>What the failing storage says; an answer must never show it.</summary>
    public const string StorageWords = "Connection refused (127.0.0.1:10002) Status: 503 ErrorCode: ServerBusy";

    private volatile bool _failing;

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    /// <summary>Wraps the profile storage the host registered; pass as <c>services</c> to <see cref="ProfilesApp"/>.</summary>
    public void Install(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, StorageNames.Profiles));
        var factory = registered.KeyedImplementationFactory ?? throw new InvalidOperationException("The profile storage is not registered by a factory.");
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Profiles, (provider, key) => new Switched((IGrainStorage)factory(provider, key), this));
    }

    private sealed class Switched(IGrainStorage inner, StorageSwitch storage) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            storage.Failing ? throw new InvalidOperationException(StorageWords) : inner.WriteStateAsync(stateName, grainId, grainState);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            storage.Failing ? throw new InvalidOperationException(StorageWords) : inner.ClearStateAsync(stateName, grainId, grainState);
    }
}
