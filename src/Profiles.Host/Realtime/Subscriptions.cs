using System.Collections.Concurrent;

namespace Profiles.Host.Realtime;

/// <summary>
/// This silo's hub subscriptions: which connections want which customers, classes or everything. Kept here rather than
/// in SignalR groups so that a connection subscribed several ways still receives each change once. Bounded: a connection
/// holds at most <see cref="MaxPerConnection"/> subscriptions, and a key nobody follows any more is removed, so
/// subscribing and unsubscribing hostile ids leaves nothing behind. Changes are read without a lock; subscribing takes one.
/// </summary>
public sealed class Subscriptions
{
    /// <summary>The most subscriptions one connection may hold; one more is refused with a clear hub error.</summary>
    public const int MaxPerConnection = 1_000;

    private const string AllKey = "*";
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _byKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _byConnection = new(StringComparer.Ordinal);

    public static string CustomerKey(string customerId) => $"customer\n{customerId}";

    public static string ClassKey(string dimension, string value) => $"class\n{dimension}\n{value}";

    public static string EverythingKey => AllKey;

    /// <summary>Adds the subscription; false when the connection already holds <see cref="MaxPerConnection"/> others.</summary>
    public bool Add(string connectionId, string key)
    {
        lock (_gate)
        {
            var keys = _byConnection.GetOrAdd(connectionId, _ => new(StringComparer.Ordinal));
            if (!keys.ContainsKey(key) && keys.Count >= MaxPerConnection) return false;
            _byKey.GetOrAdd(key, _ => new(StringComparer.Ordinal))[connectionId] = 0;
            keys[key] = 0;
            return true;
        }
    }

    public void Remove(string connectionId, string key)
    {
        lock (_gate)
        {
            RemoveFromKey(key, connectionId);
            if (_byConnection.TryGetValue(connectionId, out var keys) && keys.TryRemove(key, out _) && keys.IsEmpty)
                _byConnection.TryRemove(connectionId, out _);
        }
    }

    public void RemoveConnection(string connectionId)
    {
        lock (_gate)
        {
            if (!_byConnection.TryRemove(connectionId, out var keys)) return;
            foreach (var key in keys.Keys) RemoveFromKey(key, connectionId);
        }
    }

    /// <summary>Subscription keys followed by at least one connection (each bounded by the connections).</summary>
    public int KeyCount => _byKey.Count;

    /// <summary>Subscriptions held by <paramref name="connectionId"/>.</summary>
    public int CountFor(string connectionId) => _byConnection.TryGetValue(connectionId, out var keys) ? keys.Count : 0;

    private void RemoveFromKey(string key, string connectionId)
    {
        if (_byKey.TryGetValue(key, out var connections) && connections.TryRemove(connectionId, out _) && connections.IsEmpty)
            _byKey.TryRemove(key, out _);
    }

    /// <summary>Adds to <paramref name="into"/> the connections subscribed to any of <paramref name="keys"/>.</summary>
    public void CollectSubscribers(IEnumerable<string> keys, HashSet<string> into)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(into);
        foreach (var key in keys)
        {
            if (_byKey.TryGetValue(key, out var connections)) into.UnionWith(connections.Keys);
        }
    }

    public bool IsEmpty => _byConnection.IsEmpty;
}
