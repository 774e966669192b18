namespace Profiles.Domain.Profiles;

/// <summary>
/// The message ids a customer has applied, bounded to the most recent <see cref="Capacity"/> so that a profile's
/// size stays bounded. Client retries arrive within seconds or hours, far inside the window.
/// </summary>
[GenerateSerializer]
public sealed class MessageIdWindow
{
    [Id(0)] private readonly Queue<string> _order = new();
    [Id(1)] private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    [Id(2)] public int Capacity { get; set; } = 1000;

    public int Count => _ids.Count;

    public bool Contains(string messageId) => _ids.Contains(messageId);

    /// <summary>Remembers an id; false when it was already remembered.</summary>
    public bool Add(string messageId)
    {
        if (!_ids.Add(messageId)) return false;
        _order.Enqueue(messageId);
        while (_order.Count > Math.Max(1, Capacity))
        {
            _ids.Remove(_order.Dequeue());
        }
        return true;
    }

    /// <summary>Forgets every id (used when a profile is erased).</summary>
    public void Clear()
    {
        _order.Clear();
        _ids.Clear();
    }

    public IEnumerable<string> Ids => _order;
}
