using System.Collections.Concurrent;

namespace Profiles.Host.Realtime;

/// <summary>
/// This silo's hub subscriptions: which connections want which customers, classes or everything. Kept here rather than
/// in SignalR groups so that a connection subscribed several ways still receives each change once.
/// </summary>
public sealed class Subscriptions
{
    private const string AllKey = "*";
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _byKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _byConnection = new(StringComparer.Ordinal);

    public static string CustomerKey(string customerId) => $"customer\n{customerId}";

    public static string ClassKey(string dimension, string value) => $"class\n{dimension}\n{value}";

    public static string EverythingKey => AllKey;

    public void Add(string connectionId, string key)
    {
        _byKey.GetOrAdd(key, _ => new(StringComparer.Ordinal))[connectionId] = 0;
        _byConnection.GetOrAdd(connectionId, _ => new(StringComparer.Ordinal))[key] = 0;
    }

    public void Remove(string connectionId, string key)
    {
        if (_byKey.TryGetValue(key, out var connections)) connections.TryRemove(connectionId, out _);
        if (_byConnection.TryGetValue(connectionId, out var keys)) keys.TryRemove(key, out _);
    }

    public void RemoveConnection(string connectionId)
    {
        if (!_byConnection.TryRemove(connectionId, out var keys)) return;
        foreach (var key in keys.Keys)
        {
            if (_byKey.TryGetValue(key, out var connections)) connections.TryRemove(connectionId, out _);
        }
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
