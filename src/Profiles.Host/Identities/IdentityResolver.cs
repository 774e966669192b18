using System.Collections.Concurrent;
using Profiles.Abstractions.Grains;

namespace Profiles.Host.Identities;

/// <summary>
/// Resolves identities to customers for one silo, through the identity grains, with a cache of resolved identities.
/// Only resolutions are cached, never "not resolved": a claim is permanent (the first wins), so a cached entry is never
/// wrong, while an identity that is not resolved yet is asked again (or reaches its own profile, which forwards once
/// it was merged), so no event is sent to a profile that was merged away.
/// </summary>
public sealed class IdentityResolver(IGrainFactory grains) : Profiles.Grains.Privacy.IErasureListener
{
    /// <summary>Entries kept before the cache starts over (bounds memory; a miss costs one grain call).</summary>
    public const int CacheCapacity = 100_000;

    private readonly ConcurrentDictionary<string, string> _resolved = new(StringComparer.Ordinal);

    /// <summary>
    /// Where events addressed to <paramref name="id"/> as an anonymous id go: its customer when known here, else the id
    /// itself. Events for a user id are never routed here: a user id is not the anonymous id of the same text.
    /// </summary>
    public string Route(string id) => _resolved.TryGetValue(id, out var customer) ? customer : id;

    /// <summary>
    /// Links <paramref name="identity"/> to <paramref name="customerId"/> (first claim wins) and merges its profile there;
    /// returns the winner. Cached only once the merge is done, so a failed merge is retried by the next call. A link
    /// refused (as a circle, or because the identity's profile is another known customer's) returns the identity itself,
    /// which is not cached: it is still nobody's, so a later claim may win.
    /// </summary>
    public async Task<string> LinkAsync(string identity, string customerId, LinkKind kind = LinkKind.Anonymous)
    {
        if (_resolved.TryGetValue(identity, out var customer)) return customer;
        var winner = await grains.GetGrain<IIdentityGrain>(identity).LinkAsync(customerId, kind);
        if (!string.Equals(winner, identity, StringComparison.Ordinal)) Remember(identity, winner);
        return winner;
    }

    /// <summary>
    /// Drops every cached identity of <paramref name="customerId"/>, which was erased: its identities are nobody's again,
    /// so the "claims are permanent" rule the cache relies on no longer holds for them. Erasures are rare; this scans.
    /// </summary>
    public void Forget(string customerId)
    {
        foreach (var (identity, customer) in _resolved)
        {
            if (string.Equals(customer, customerId, StringComparison.Ordinal)) _resolved.TryRemove(identity, out _);
        }
    }

    /// <inheritdoc />
    void Profiles.Grains.Privacy.IErasureListener.Erased(string customerId) => Forget(customerId);

    private void Remember(string identity, string customer)
    {
        if (_resolved.Count >= CacheCapacity) _resolved.Clear();
        _resolved[identity] = customer;
    }
}
