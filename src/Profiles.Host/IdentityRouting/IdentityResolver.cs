using System.Collections.Concurrent;
using Profiles.Abstractions.Grains;

namespace Profiles.Host.IdentityRouting;

/// <summary>
/// Resolves identities to customers for one silo, through the identity grains, with a cache of resolved identities.
/// Only resolutions are cached, never "not resolved": a claim is permanent (the first wins) until its customer is erased,
/// so a cached entry is right as long as the cache drops the links of every erased customer. It hears of erasures twice:
/// at once from an erasure on this silo or a push from another, and for sure from the erasure log it follows
/// (<see cref="ErasureLogFollower"/>); until it follows the log, and for a resolution that an erasure overtook, it caches
/// nothing. An identity that is not resolved here is asked again (or reaches its own profile, which forwards once it
/// was merged), so no event is sent to a profile that was merged away.
/// </summary>
public sealed class IdentityResolver(IGrainFactory grains) : Profiles.Grains.Privacy.IErasureListener
{
    /// <summary>Entries kept before the cache starts over (bounds memory; a miss costs one grain call).</summary>
    public const int CacheCapacity = 100_000;

    private readonly ConcurrentDictionary<string, Resolved> _resolved = new(StringComparer.Ordinal);

    /// <summary>Bumped by every drop and every start of following the log. Read and bumped under <see cref="_lock"/>.</summary>
    private long _epoch;

    /// <summary>Whether the erasure log is followed (its last read succeeded): only then is anything cached.</summary>
    private bool _following;

    /// <summary>Makes "no drop since the resolution began, so cache it" and "drop" one step each.</summary>
    private readonly Lock _lock = new();

    /// <summary>
    /// Where events addressed to <paramref name="id"/> as an anonymous id go: its customer when known here, else the id
    /// itself. Events for a user id are never routed here: a user id is not the anonymous id of the same text.
    /// </summary>
    public string Route(string id) => _resolved.TryGetValue(id, out var resolved) ? resolved.Customer : id;

    /// <summary>
    /// Links <paramref name="identity"/> to <paramref name="customerId"/> (first claim wins) and merges its profile there;
    /// returns the winner. Cached only once the merge is done, so a failed merge is retried by the next call. A link
    /// refused (as a circle, or because the identity's profile is another known customer's) returns the identity itself,
    /// which is not cached: it is still nobody's, so a later claim may win.
    /// </summary>
    public async Task<string> LinkAsync(string identity, string customerId, LinkKind kind = LinkKind.Anonymous)
    {
        if (_resolved.TryGetValue(identity, out var resolved)) return resolved.Customer;
        long epoch;
        lock (_lock) epoch = _epoch;
        var winner = await grains.GetGrain<IIdentityGrain>(identity).LinkAsync(customerId, kind);
        if (!string.Equals(winner, identity, StringComparison.Ordinal)) Remember(identity, winner, epoch);
        return winner;
    }

    /// <summary>
    /// Drops every cached identity of <paramref name="customerId"/>, which was erased: its identities are nobody's again,
    /// so the "claims are permanent" rule the cache relies on no longer holds for them. Erasures are rare; this scans.
    /// </summary>
    public void Forget(string customerId) => Forget([ErasureMark.Of(customerId)]);

    /// <summary>Drops every cached identity whose customer has one of these erasure marks; returns how many entries went.</summary>
    public int Forget(IReadOnlyCollection<uint> marks)
    {
        if (marks.Count == 0) return 0;
        var set = marks as IReadOnlySet<uint> ?? marks.ToHashSet();
        var dropped = 0;
        lock (_lock)
        {
            _epoch++;
            foreach (var (identity, resolved) in _resolved)
            {
                if (set.Contains(resolved.Mark) && _resolved.TryRemove(identity, out _)) dropped++;
            }
        }
        return dropped;
    }

    /// <summary>Drops the whole cache (the erasure log went on further than this silo read it).</summary>
    public void ForgetAll()
    {
        lock (_lock)
        {
            _epoch++;
            _resolved.Clear();
        }
    }

    /// <summary>Called after each successful read of the erasure log: resolutions that begin from now on may be cached.</summary>
    public void Following()
    {
        lock (_lock)
        {
            if (_following) return;
            _epoch++;
            _following = true;
        }
    }

    /// <summary>Called when the erasure log cannot be read: the cache is dropped and unused until <see cref="Following"/>.</summary>
    public void NotFollowing()
    {
        lock (_lock)
        {
            _epoch++;
            _following = false;
            _resolved.Clear();
        }
    }

    /// <inheritdoc />
    void Profiles.Grains.Privacy.IErasureListener.Erased(string customerId) => Forget(customerId);

    /// <summary>Caches a resolution that began at <paramref name="epoch"/>, unless a drop came since (the answer may be from before an erasure).</summary>
    private void Remember(string identity, string customer, long epoch)
    {
        var resolved = new Resolved(customer, ErasureMark.Of(customer));
        lock (_lock)
        {
            if (!_following || epoch != _epoch) return;
            if (_resolved.Count >= CacheCapacity) _resolved.Clear();
            _resolved[identity] = resolved;
        }
    }

    /// <summary>A cached link, with the erasure mark of its customer (so a read of the log does not hash every entry).</summary>
    private readonly record struct Resolved(string Customer, uint Mark);
}
