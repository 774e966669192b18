using System.Collections.Immutable;

namespace Profiles.Abstractions.Grains;

/// <summary>
/// The cluster-wide list of per-silo change observers (key 0). Silos register their observer periodically; entries of
/// silos that left the cluster, or that stopped renewing, are dropped.
/// </summary>
public interface IChangeObserverRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Registers or renews the observer of <paramref name="silo"/>.</summary>
    Task RegisterAsync(SiloAddress silo, IProfileChangeObserver observer);

    /// <summary>The observers of the silos that are active now.</summary>
    Task<ImmutableArray<IProfileChangeObserver>> GetObserversAsync();
}
