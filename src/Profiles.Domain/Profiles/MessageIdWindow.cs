namespace Profiles.Domain.Profiles;

/// <summary>
/// The message ids a customer has applied, bounded to the most recent <see cref="Capacity"/> so that a profile's
/// size stays bounded (16 bytes an id: 40 KB at most). Client retries arrive within seconds or hours, far inside the window.
/// </summary>
/// <remarks>
/// Kept compact, since every active customer holds one: the ids as <see cref="MessageKey"/>s (16 bytes for a GUID id
/// instead of a 96-byte string) in one ring in arrival order, searched directly; a hash set over the ring is built only
/// once lookups have cost a few walks of a large window (a customer busy enough to be kept in memory), and never stored.
/// An idle customer is read back from its packed form for each call, looks up one or two ids and is packed again: for
/// it a walk of the ring is far cheaper than hashing every id it holds. The first stored form (a queue and a set of strings, fields 0 and 1)
/// is still read: it is moved into the ring on first use and written in the new form (fields 3–5) from then on.
/// </remarks>
[GenerateSerializer]
public sealed class MessageIdWindow
{
    /// <summary>Up to this many ids are always searched one by one.</summary>
    private const int ScanLimit = 16;

    /// <summary>A larger window gets a hash set once lookups have walked it this many times over.</summary>
    private const int WalksBeforeIndex = 4;

    [Id(0)] private Queue<string>? _legacyOrder;
    [Id(1)] private HashSet<string>? _legacyIds;
    [Id(3)] private MessageKey[] _ring = [];
    [Id(4)] private int _start;
    [Id(5)] private int _count;
    [NonSerialized] private HashSet<MessageKey>? _index;

    // Ids compared by walks of the ring since the window was read or built; never stored.
    [NonSerialized] private long _walked;

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
        Append(key);
        return true;
    }

    /// <summary>
    /// Appends a key read back from storage, in the order it was first remembered, without looking for it: what was stored
    /// is the sequence of ids the window took (an id it already held was never written), so appending them again with the
    /// same eviction rebuilds exactly the window that wrote them, and no lookup or hash set is needed to read it.
    /// </summary>
    internal void Restore(MessageKey key)
    {
        MoveLegacy();
        Append(key);
    }

    /// <summary>Puts <paramref name="key"/> after the newest, forgetting the oldest beyond the capacity.</summary>
    private void Append(MessageKey key)
    {
        var capacity = Math.Max(1, Capacity);
        while (_count >= capacity) RemoveOldest();
        if (_count == _ring.Length) Grow(capacity);
        _ring[(_start + _count) % _ring.Length] = key;
        _count++;
        _index?.Add(key);
    }

    /// <summary>Makes room for <paramref name="count"/> ids at once (a profile read back that holds that many).</summary>
    internal void Reserve(int count)
    {
        var wanted = Math.Min(Math.Max(1, Capacity), count);
        if (wanted <= _ring.Length) return;
        var ring = new MessageKey[wanted];
        for (var i = 0; i < _count; i++) ring[i] = _ring[(_start + i) % _ring.Length];
        _ring = ring;
        _start = 0;
    }

    /// <summary>Forgets every id (used when a profile is erased).</summary>
    public void Clear()
    {
        _legacyOrder = null;
        _legacyIds = null;
        _ring = [];
        _start = _count = 0;
        _index = null;
        _walked = 0;
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
        if (_index is not null) return _index.Contains(key);
        if (_count > ScanLimit && _walked >= (long)WalksBeforeIndex * _count)
        {
            _index = new HashSet<MessageKey>(_count);
            for (var i = 0; i < _count; i++) _index.Add(_ring[(_start + i) % _ring.Length]);
            return _index.Contains(key);
        }

        _walked += _count;
        // The ring in at most two runs, newest last; GUID keys compare as their bytes, others by their text.
        var head = Math.Min(_count, _ring.Length - _start);
        return Holds(_ring.AsSpan(_start, head), key) || Holds(_ring.AsSpan(0, _count - head), key);
    }

    private static bool Holds(ReadOnlySpan<MessageKey> keys, MessageKey key)
    {
        if (key.Text is null)
        {
            foreach (ref readonly var k in keys)
            {
                if (k.Text is null && k.Guid == key.Guid) return true;
            }
            return false;
        }
        foreach (ref readonly var k in keys)
        {
            if (k.Text is { } text && text.Length == key.Text.Length && string.Equals(text, key.Text, StringComparison.Ordinal)) return true;
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
