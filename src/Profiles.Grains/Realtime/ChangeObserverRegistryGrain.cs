using System.Collections.Immutable;
using Orleans.Runtime;
using Profiles.Abstractions.Grains;

namespace Profiles.Grains.Realtime;

/// <summary>
/// Keeps the observer each silo registers, in memory: silos renew every few seconds, so a fresh activation (after its
/// silo died) is complete again within one renewal period. Observers of silos that are no longer active are dropped.
/// </summary>
public sealed class ChangeObserverRegistryGrain(IClusterMembershipService membership, TimeProvider time)
    : Grain, IChangeObserverRegistryGrain
{
    /// <summary>An observer not renewed for this long is considered gone.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(30);

    private readonly Dictionary<SiloAddress, (IProfileChangeObserver Observer, DateTimeOffset RenewedAt)> _observers = [];

    public Task RegisterAsync(SiloAddress silo, IProfileChangeObserver observer)
    {
        _observers[silo] = (observer, time.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<IProfileChangeObserver>> GetObserversAsync()
    {
        var snapshot = membership.CurrentSnapshot;
        var now = time.GetUtcNow();
        var observers = ImmutableArray.CreateBuilder<IProfileChangeObserver>(_observers.Count);
        foreach (var (silo, entry) in _observers.ToList())
        {
            var status = snapshot.Members.TryGetValue(silo, out var member) ? member.Status : SiloStatus.None;
            if (status == SiloStatus.Dead || now - entry.RenewedAt > Expiry) _observers.Remove(silo);
            else if (status == SiloStatus.Active) observers.Add(entry.Observer);
        }
        return Task.FromResult(observers.ToImmutable());
    }
}
