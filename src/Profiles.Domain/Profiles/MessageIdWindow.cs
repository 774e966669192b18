namespace Profiles.Domain.Profiles;

/// <summary>
/// The message ids a customer has applied, bounded to the most recent <see cref="Capacity"/> so that a profile's
/// size stays bounded (16 bytes an id: 40 KB at most). Client retries arrive within seconds or hours, far inside the window.
/// </summary>
/// <remarks>
/// Kept compact, since every active customer holds one: the ids as <see cref="MessageKey"/>s (16 bytes for a GUID id
/// instead of a 96-byte string) in one ring in arrival order, searched directly while small; a hash set over the ring is
/// built only for a large window and never stored. The first stored form (a queue and a set of strings, fields 0 and 1)
/// is still read: it is moved into the ring on first use and written in the new form (fields 3–5) from then on.
/// </remarks>
[GenerateSerializer]
public sealed class MessageIdWindow
{
    /// <summary>Up to this many ids are searched one by one; a larger window gets a hash set.</summary>
    private const int ScanLimit = 16;

    [Id(0)] private Queue<string>? _legacyOrder;
    [Id(1)] private HashSet<string>? _legacyIds;
    [Id(3)] private MessageKey[] _ring = [];
    [Id(4)] private int _start;
    [Id(5)] private int _count;
    [NonSerialized] private HashSet<MessageKey>? _index;

    /// <summary>
    /// The window of a profile (2,500: the largest batch, <c>Profiles:Ingest:MaxBatchEvents</c>, so a resent full batch
    /// for one customer is recognised whole). Profiles stored with a smaller window read with this one.
    /// </summary>
    public const int DefaultCapacity = 2500;

    [Id(2)] public int Capacity { get; set; } = DefaultCapacity;

    public int Count
    {
        get
        {
            MoveLegacy();
            return _count;
        }
    }

    public bool Contains(string messageId)
    {
        MoveLegacy();
        return Contains(MessageKey.Of(messageId));
    }

    /// <summary>Remembers an id; false when it was already remembered.</summary>
    public bool Add(string messageId) => Add(MessageKey.Of(messageId));

    /// <summary>Remembers an id by its key; false when it was already remembered.</summary>
    public bool Add(MessageKey key)
    {
        MoveLegacy();
        if (Contains(key)) return false;

        var capacity = Math.Max(1, Capacity);
        while (_count >= capacity) RemoveOldest();
        if (_count == _ring.Length) Grow(capacity);
        _ring[(_start + _count) % _ring.Length] = key;
        _count++;
        _index?.Add(key);
        return true;
    }

    /// <summary>Forgets every id (used when a profile is erased).</summary>
    public void Clear()
    {
        _legacyOrder = null;
        _legacyIds = null;
        _ring = [];
        _start = _count = 0;
        _index = null;
    }

    /// <summary>The remembered ids as keys, oldest first.</summary>
    public IEnumerable<MessageKey> Keys
    {
        get
        {
            MoveLegacy();
            for (var i = 0; i < _count; i++) yield return _ring[(_start + i) % _ring.Length];
        }
    }

    /// <summary>The newest <paramref name="count"/> keys (fewer when fewer are remembered), oldest of them first.</summary>
    public IEnumerable<MessageKey> Newest(int count)
    {
        MoveLegacy();
        var from = Math.Max(0, _count - count);
        for (var i = from; i < _count; i++) yield return _ring[(_start + i) % _ring.Length];
    }

    /// <summary>The remembered ids, oldest first.</summary>
    public IEnumerable<string> Ids
    {
        get
        {
            MoveLegacy();
            for (var i = 0; i < _count; i++) yield return _ring[(_start + i) % _ring.Length].ToString();
        }
    }

    private bool Contains(MessageKey key)
    {
        if (_count > ScanLimit)
        {
            if (_index is null)
            {
                _index = new HashSet<MessageKey>(_count);
                for (var i = 0; i < _count; i++) _index.Add(_ring[(_start + i) % _ring.Length]);
            }
            return _index.Contains(key);
        }

        for (var i = 0; i < _count; i++)
        {
            if (_ring[(_start + i) % _ring.Length] == key) return true;
        }
        return false;
    }

    private void RemoveOldest()
    {
        var oldest = _ring[_start];
        _ring[_start] = default;
        _start = (_start + 1) % _ring.Length;
        _count--;
        _index?.Remove(oldest);
    }

    /// <summary>A larger ring (doubling, up to the capacity), oldest id first.</summary>
    private void Grow(int capacity)
    {
        var ring = new MessageKey[Math.Min(capacity, Math.Max(4, _ring.Length * 2))];
        for (var i = 0; i < _count; i++) ring[i] = _ring[(_start + i) % _ring.Length];
        _ring = ring;
        _start = 0;
    }

    /// <summary>Moves ids read in the first stored form into the ring, in their order.</summary>
    private void MoveLegacy()
    {
        // The queue has the order; the set the same ids (a state with only the set is moved in the set's order).
        if (((IEnumerable<string>?)_legacyOrder ?? _legacyIds) is not { } legacy) return;
        _legacyOrder = null;
        _legacyIds = null;
        foreach (var id in legacy) Add(id);
    }
}
