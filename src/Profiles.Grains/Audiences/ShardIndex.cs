using System.Collections.Immutable;
using System.Text;
using Profiles.Abstractions.Audiences;
using Profiles.Domain.Profiles.Packing;

namespace Profiles.Grains.Audiences;

/// <summary>
/// One shard of the membership index in memory, and its stored form: the customers in ordinal order of their ids, each with
/// its classes as codes of a term table, counts per class, and which page (row) holds each. What changed since the pages
/// were last written is kept as a log, written with the shard's row; when the log outgrows <see cref="LogBytes"/> the pages
/// it touched are written instead (<see cref="EncodeDirtyPages"/>) and the log starts empty.
/// </summary>
/// <remarks>
/// Pages and the log are self-describing packed blobs: each carries the table of the classes its members use, so a page
/// written by a write whose row then failed still reads. Reading applies the log over the pages by stamp, so whichever of
/// the two is newer wins. Not thread-safe: the grain's turns serialize access.
/// </remarks>
internal sealed class ShardIndex
{
    /// <summary>The most one page holds, estimated as stored (an Azure Table row holds 983,040 bytes in all).</summary>
    public const int PageBytes = 256 * 1024;

    /// <summary>The most the log holds before the pages it touched are written: the row stays small, written on every batch.</summary>
    public const int LogBytes = 64 * 1024;

    private const byte Format = 1;

    private readonly SortedSet<ShardMember> _members = new(ShardMemberComparer.Instance);
    private readonly List<AudienceTerm> _terms = [];
    private readonly Dictionary<AudienceTerm, ushort> _codes = [];
    private readonly List<long> _counts = [];
    private readonly List<int> _pageBytes = [0];
    private readonly HashSet<ShardMember> _dirty = [];
    private readonly HashSet<string> _erased = new(StringComparer.Ordinal);
    private readonly HashSet<int> _dirtyPages = [];
    private readonly ShardMember _probe = new("");
    private long _listed;

    /// <summary>Pages in use (rows <c>members.1</c> … <c>members.{Pages}</c>).</summary>
    public int Pages => _pageBytes.Count - 1;

    /// <summary>Customers listed in at least one class.</summary>
    public long Listed => _listed;

    /// <summary>Customers the shard knows, with those listed nowhere (profiles merged into another's).</summary>
    public int Known => _members.Count;

    /// <summary>Whether anything changed since the last <see cref="Compacted"/>.</summary>
    public bool HasLog => _dirty.Count > 0 || _erased.Count > 0;

    /// <summary>The pages the log touched: those a compaction writes.</summary>
    public IReadOnlyCollection<int> DirtyPages => _dirtyPages;

    /// <summary>The log's size as stored, estimated from above.</summary>
    public int LogSize
    {
        get
        {
            var size = 16;
            foreach (var member in _dirty) size += member.Bytes;
            foreach (var id in _erased) size += IdBytes(id) + 1;
            return size;
        }
    }

    /// <summary>Applies an update; returns whether it changed anything (an older or repeated one does not).</summary>
    public bool Apply(MembershipUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var existing = Find(update.CustomerId);
        if (update.Erase)
        {
            if (existing is null) return false;
            Remove(existing);
            return true;
        }
        return Upsert(existing, update.CustomerId, update.Stamp, Codes(update.Classes.IsDefault ? [] : update.Classes));
    }

    /// <summary>Reads a stored page into the index (at load).</summary>
    public void LoadPage(int page, ReadOnlySpan<byte> blob)
    {
        while (_pageBytes.Count <= page) _pageBytes.Add(0);
        Decode(blob, (id, erase, stamp, codes) =>
        {
            if (erase || Find(id) is not null) return;
            var member = new ShardMember(id) { Stamp = stamp, Codes = codes, Page = page, Stored = true };
            member.Bytes = SizeOf(member);
            Add(member);
            _pageBytes[page] += member.Bytes;
        });
    }

    /// <summary>Applies a stored log over the pages (at load): each entry only when newer than what the pages hold.</summary>
    public void LoadLog(ReadOnlySpan<byte> blob) =>
        Decode(blob, (id, erase, stamp, codes) =>
        {
            var existing = Find(id);
            if (erase)
            {
                if (existing is not null) Remove(existing);
                return;
            }
            Upsert(existing, id, stamp, codes);
        });

    /// <summary>The log as stored in the shard's row; null when nothing changed since the pages were written.</summary>
    public byte[]? EncodeLog() => HasLog ? Encode(_dirty.OrderBy(m => m.Id, StringComparer.Ordinal), _erased.Order(StringComparer.Ordinal), LogBytes) : null;

    /// <summary>Every page of <see cref="DirtyPages"/> as stored, read in one pass over the members.</summary>
    public IReadOnlyDictionary<int, byte[]> EncodeDirtyPages()
    {
        var members = _dirtyPages.ToDictionary(p => p, _ => new List<ShardMember>());
        foreach (var member in _members)
        {
            if (members.TryGetValue(member.Page, out var list)) list.Add(member);
        }
        return members.ToDictionary(p => p.Key, p => Encode(p.Value, [], _pageBytes[p.Key] + 1024));
    }

    /// <summary>The dirty pages were stored: their customers are in them, and the log starts empty.</summary>
    public void Compacted()
    {
        foreach (var member in _members)
        {
            if (_dirtyPages.Contains(member.Page)) member.Stored = true;
        }
        _dirty.Clear();
        _erased.Clear();
        _dirtyPages.Clear();
    }

    /// <summary>How many listed customers are in every class of <paramref name="terms"/>.</summary>
    public long Count(ImmutableArray<AudienceTerm> terms)
    {
        if (terms.IsDefaultOrEmpty) return _listed;
        if (Lookup(terms) is not { } codes) return 0;
        if (codes.Length == 1) return _counts[codes[0]];
        long count = 0;
        foreach (var member in _members)
        {
            if (HasAll(member, codes)) count++;
        }
        return count;
    }

    /// <summary>A page of the listed customers in every class of the query's terms, after its cursor, in ordinal order.</summary>
    public AudiencePage List(AudienceQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var terms = query.Terms.IsDefault ? [] : query.Terms;
        if (Lookup(terms) is not { } codes || _members.Count == 0) return new AudiencePage([], false);
        var dimensions = query.Dimensions.IsDefault ? [] : query.Dimensions;
        var limit = Math.Max(1, query.Limit);
        var page = ImmutableArray.CreateBuilder<AudienceMember>(Math.Min(limit, 1024));
        foreach (var member in After(query.After))
        {
            if (member.Codes.Length == 0 || !HasAll(member, codes)) continue;
            // One more match than the page holds tells whether another page follows.
            if (page.Count == limit) return new AudiencePage(page.ToImmutable(), true);
            page.Add(new AudienceMember(member.Id, member.Stamp, ClassesOf(member, dimensions)));
        }
        return new AudiencePage(page.ToImmutable(), false);
    }

    private IEnumerable<ShardMember> After(string? after)
    {
        if (after is null) return _members;
        var max = _members.Max!;
        if (string.CompareOrdinal(after, max.Id) >= 0) return [];
        var min = _members.Min!;
        if (string.CompareOrdinal(after, min.Id) < 0) return _members;
        // The view's lower bound is inclusive: the cursor's own id is skipped (it was on the previous page).
        return _members.GetViewBetween(new ShardMember(after), max).SkipWhile(m => m.Id == after);
    }

    private ImmutableArray<string?> ClassesOf(ShardMember member, ImmutableArray<string> dimensions)
    {
        if (dimensions.IsEmpty) return [];
        var values = new string?[dimensions.Length];
        foreach (var code in member.Codes)
        {
            var term = _terms[code];
            var index = dimensions.IndexOf(term.Dimension, StringComparer.Ordinal);
            if (index >= 0) values[index] = term.Class;
        }
        return ImmutableArray.Create(values);
    }

    private static bool HasAll(ShardMember member, ushort[] codes)
    {
        foreach (var code in codes)
        {
            if (!member.Has(code)) return false;
        }
        return true;
    }

    /// <summary>The codes of <paramref name="terms"/>, or null when one of them is a class no customer of the shard was ever in.</summary>
    private ushort[]? Lookup(ImmutableArray<AudienceTerm> terms)
    {
        var codes = new ushort[terms.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            if (!_codes.TryGetValue(terms[i], out codes[i])) return null;
        }
        return codes;
    }

    private ShardMember? Find(string id)
    {
        _probe.Id = id;
        return _members.TryGetValue(_probe, out var member) ? member : null;
    }

    private bool Upsert(ShardMember? existing, string id, long stamp, ushort[] codes)
    {
        if (existing is not null)
        {
            if (stamp <= existing.Stamp) return false;
            Count(existing, -1);
            _pageBytes[existing.Page] -= existing.Bytes;
            existing.Stamp = stamp;
            existing.Codes = codes;
            existing.Bytes = SizeOf(existing);
            _pageBytes[existing.Page] += existing.Bytes;
            Count(existing, 1);
            _dirty.Add(existing);
            _dirtyPages.Add(existing.Page);
            return true;
        }
        var member = new ShardMember(id) { Stamp = stamp, Codes = codes };
        member.Bytes = SizeOf(member);
        member.Page = PageWithRoom(member.Bytes);
        _pageBytes[member.Page] += member.Bytes;
        Add(member);
        _dirty.Add(member);
        _dirtyPages.Add(member.Page);
        return true;
    }

    private void Add(ShardMember member)
    {
        _members.Add(member);
        Count(member, 1);
    }

    private void Remove(ShardMember member)
    {
        _members.Remove(member);
        Count(member, -1);
        _pageBytes[member.Page] -= member.Bytes;
        _dirty.Remove(member);
        // A customer the stored page holds leaves it only when the page is written again; until then the log says so.
        if (member.Stored) _erased.Add(member.Id);
        _dirtyPages.Add(member.Page);
    }

    private void Count(ShardMember member, int sign)
    {
        foreach (var code in member.Codes) _counts[code] += sign;
        if (member.Codes.Length > 0) _listed += sign;
    }

    private int PageWithRoom(int bytes)
    {
        for (var page = 1; page < _pageBytes.Count; page++)
        {
            if (_pageBytes[page] + bytes <= PageBytes) return page;
        }
        _pageBytes.Add(0);
        return _pageBytes.Count - 1;
    }

    private ushort[] Codes(ImmutableArray<AudienceTerm> classes)
    {
        if (classes.IsEmpty) return [];
        var codes = new ushort[classes.Length];
        for (var i = 0; i < classes.Length; i++) codes[i] = CodeOf(classes[i]);
        return codes;
    }

    private ushort CodeOf(AudienceTerm term)
    {
        if (_codes.TryGetValue(term, out var code)) return code;
        if (_terms.Count > ushort.MaxValue)
            throw new InvalidOperationException($"The shard knows {_terms.Count} classes, the most it can code.");
        code = (ushort)_terms.Count;
        _terms.Add(term);
        _codes[term] = code;
        _counts.Add(0);
        return code;
    }

    private static int IdBytes(string id) => Encoding.UTF8.GetByteCount(id) + 3;

    /// <summary>The packed size of a member, from above: id, flags, stamp, classes (a code takes at most two bytes).</summary>
    private static int SizeOf(ShardMember member) => IdBytes(member.Id) + 1 + 10 + 2 + 2 * member.Codes.Length;

    /// <summary>
    /// Packs members and erasure marks: format, the table of the classes they use (names as the profile format packs them),
    /// the smallest stamp, then each member as id, flags, stamp above the smallest and its classes as codes of the table.
    /// </summary>
    private byte[] Encode(IEnumerable<ShardMember> members, IEnumerable<string> erased, int capacity)
    {
        var list = members as IReadOnlyCollection<ShardMember> ?? [.. members];
        var local = new Dictionary<ushort, int>();
        var order = new List<ushort>();
        var baseStamp = long.MaxValue;
        foreach (var member in list)
        {
            baseStamp = Math.Min(baseStamp, member.Stamp);
            foreach (var code in member.Codes)
            {
                if (local.TryAdd(code, order.Count)) order.Add(code);
            }
        }
        if (baseStamp == long.MaxValue) baseStamp = 0;
        var marks = erased as IReadOnlyCollection<string> ?? [.. erased];

        var writer = new PackedWriter(Math.Max(256, capacity));
        writer.Byte(Format);
        writer.UInt((ulong)order.Count);
        foreach (var code in order)
        {
            writer.Name(_terms[code].Dimension);
            writer.Name(_terms[code].Class);
        }
        writer.Fixed64((ulong)baseStamp);
        writer.UInt((ulong)(list.Count + marks.Count));
        foreach (var member in list)
        {
            writer.String(member.Id);
            writer.Byte(0);
            writer.UInt((ulong)(member.Stamp - baseStamp));
            writer.UInt((ulong)member.Codes.Length);
            foreach (var code in member.Codes) writer.UInt((ulong)local[code]);
        }
        foreach (var id in marks)
        {
            writer.String(id);
            writer.Byte(1);
        }
        return writer.ToArray();
    }

    private delegate void EntryReader(string id, bool erase, long stamp, ushort[] codes);

    private void Decode(ReadOnlySpan<byte> blob, EntryReader read)
    {
        if (blob.IsEmpty) return;
        var reader = new PackedReader(blob);
        var format = reader.Byte();
        if (format != Format) throw new FormatException($"Unknown audience shard format {format}.");
        var tableSize = reader.Count();
        var table = new ushort[tableSize];
        for (var i = 0; i < tableSize; i++) table[i] = CodeOf(new AudienceTerm(reader.RequiredName(), reader.RequiredName()));
        var baseStamp = (long)reader.Fixed64();
        var entries = reader.Count();
        for (var i = 0; i < entries; i++)
        {
            var id = reader.RequiredString();
            if (reader.Byte() == 1)
            {
                read(id, true, 0, []);
                continue;
            }
            var stamp = baseStamp + (long)reader.UInt();
            var codes = new ushort[reader.Count()];
            for (var c = 0; c < codes.Length; c++) codes[c] = table[checked((int)reader.UInt())];
            read(id, false, stamp, codes);
        }
    }
}
