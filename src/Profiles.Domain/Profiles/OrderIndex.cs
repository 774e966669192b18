namespace Profiles.Domain.Profiles;

/// <summary>
/// The counted orders of a profile sorted by completion time, with running revenue sums, so that a classification reads
/// first and last order, the orders and revenue in the window and the reactivations without walking or sorting the
/// history. Derived from <see cref="CustomerProfile.Orders"/>: never stored, built on first use and kept up to date by
/// the fold. Orders mostly arrive in time order, so an order is mostly appended, in constant time.
/// </summary>
internal sealed class OrderIndex
{
    private const int MaxScale = 28;

    private readonly List<Entry> _entries = [];

    // _sums[i]: the net revenue of entries 0..i; exact in decimal.
    private readonly List<decimal> _sums = [];

    // The highest index of an entry whose net revenue has each decimal scale, or −1: a sum over a window gets the
    // scale of its own entries (as adding them one by one would), not the scale of an older entry outside it.
    private readonly int[] _lastOfScale = NewScales();

    private int _reactivationDays = -1;
    private int _reactivations;

    // Distinct UTC days with an order: kept on every insert and removal (a day is new when neither neighbour shares it),
    // so a customer's purchase history (repeat purchase days) never walks the orders.
    private int _days;

    public int Count => _entries.Count;

    /// <summary>Distinct UTC days (<see cref="Statistics.PopulationContribution.DayOf"/>) on which a counted order completed.</summary>
    public int Days => _days;

    /// <summary>Increases with every change of the index, so that what is derived from it can be cached against it.</summary>
    public long Changes { get; private set; }

    public DateTimeOffset? First => _entries.Count == 0 ? null : _entries[0].At;

    public DateTimeOffset? Last => _entries.Count == 0 ? null : _entries[^1].At;

    public decimal Revenue => _sums.Count == 0 ? 0m : _sums[^1];

    public static OrderIndex Build(Dictionary<string, OrderRecord> orders)
    {
        var index = new OrderIndex();
        foreach (var (id, order) in orders)
        {
            if (order is { Counts: true, CompletedAt: { } at }) index._entries.Add(new Entry(at, id, order.NetRevenue));
        }
        index._entries.Sort();
        index.Recompute(0);
        for (var i = 0; i < index._entries.Count; i++)
        {
            if (i == 0 || DayOf(index._entries[i].At) != DayOf(index._entries[i - 1].At)) index._days++;
        }
        return index;
    }

    /// <summary>Replaces what the index knew of an order (its state before a change) by its state after it.</summary>
    public void Update(string orderId, OrderRecord before, OrderRecord after) =>
        Update(orderId, State.Of(before), State.Of(after));

    public void Update(string orderId, State before, State after)
    {
        if (before == after && before.Net.Scale == after.Net.Scale) return;
        if (before.Counts) Remove(new Entry(before.At, orderId, before.Net));
        if (after.Counts) Insert(new Entry(after.At, orderId, after.Net));
    }

    /// <summary>Index of the first order completed after <paramref name="start"/>.</summary>
    public int FirstAfter(DateTimeOffset start)
    {
        int low = 0, high = _entries.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_entries[middle].At > start) high = middle;
            else low = middle + 1;
        }
        return low;
    }

    public DateTimeOffset At(int index) => _entries[index].At;

    /// <summary>Index of the first order completed on a later UTC day than day number <paramref name="day"/>.</summary>
    public int FirstAfterDay(int day) => FirstAfter(new DateTimeOffset((day + 1L) * TimeSpan.TicksPerDay - 1, TimeSpan.Zero));

    /// <summary>Net revenue of the orders from <paramref name="from"/> on, with the scale of those orders' sum.</summary>
    public decimal RevenueFrom(int from)
    {
        if (from >= _entries.Count) return 0m;
        var sum = from == 0 ? _sums[^1] : _sums[^1] - _sums[from - 1];
        var scale = 0;
        for (var s = MaxScale; s > 0; s--)
        {
            if (_lastOfScale[s] >= from)
            {
                scale = s;
                break;
            }
        }
        return sum.Scale > scale ? decimal.Round(sum, scale) : sum;
    }

    /// <summary>Orders after a silence of more than <paramref name="activeDays"/> whole days.</summary>
    public int Reactivations(int activeDays)
    {
        if (_reactivationDays != activeDays)
        {
            _reactivationDays = activeDays;
            _reactivations = 0;
            for (var i = 1; i < _entries.Count; i++) _reactivations += Gap(i - 1, i);
        }
        return _reactivations;
    }

    private void Insert(Entry entry)
    {
        var at = _entries.BinarySearch(entry);
        if (at >= 0) return;
        at = ~at;
        if (!SharesDay(entry.At, at - 1, at)) _days++;
        Changes++;
        var reactivations = _reactivationDays >= 0;
        if (reactivations && at > 0 && at < _entries.Count) _reactivations -= Gap(at - 1, at);
        _entries.Insert(at, entry);
        if (reactivations)
        {
            if (at > 0) _reactivations += Gap(at - 1, at);
            if (at < _entries.Count - 1) _reactivations += Gap(at, at + 1);
        }
        if (at == _entries.Count - 1)
        {
            _sums.Add(entry.Net + (at == 0 ? 0m : _sums[at - 1]));
            _lastOfScale[entry.Net.Scale] = at;
        }
        else Recompute(at);
    }

    private void Remove(Entry entry)
    {
        var at = _entries.BinarySearch(entry);
        if (at < 0) return;
        if (!SharesDay(entry.At, at - 1, at + 1)) _days--;
        Changes++;
        if (_reactivationDays >= 0)
        {
            if (at > 0) _reactivations -= Gap(at - 1, at);
            if (at < _entries.Count - 1) _reactivations -= Gap(at, at + 1);
            if (at > 0 && at < _entries.Count - 1) _reactivations += Gap(at - 1, at + 1);
        }
        _entries.RemoveAt(at);
        Recompute(at);
    }

    private void Recompute(int from)
    {
        if (_sums.Count > _entries.Count) _sums.RemoveRange(_entries.Count, _sums.Count - _entries.Count);
        for (var i = from; i < _entries.Count; i++)
        {
            var sum = _entries[i].Net + (i == 0 ? 0m : _sums[i - 1]);
            if (i < _sums.Count) _sums[i] = sum;
            else _sums.Add(sum);
        }
        Array.Fill(_lastOfScale, -1);
        for (var i = 0; i < _entries.Count; i++) _lastOfScale[_entries[i].Net.Scale] = i;
    }

    /// <summary>Whether the entry at <paramref name="before"/> or <paramref name="after"/> (either may be out of range) completed on the day of <paramref name="at"/>.</summary>
    private bool SharesDay(DateTimeOffset at, int before, int after)
    {
        var day = DayOf(at);
        return (before >= 0 && DayOf(_entries[before].At) == day) || (after >= 0 && after < _entries.Count && DayOf(_entries[after].At) == day);
    }

    private static long DayOf(DateTimeOffset at) => at.UtcTicks / TimeSpan.TicksPerDay;

    private int Gap(int earlier, int later) =>
        Classification.OrderSummary.DaysBetween(_entries[earlier].At, _entries[later].At) > _reactivationDays ? 1 : 0;

    private static int[] NewScales()
    {
        var scales = new int[MaxScale + 1];
        Array.Fill(scales, -1);
        return scales;
    }

    /// <summary>What the index needs of one order: whether it counts, when it completed and its net revenue.</summary>
    public readonly record struct State(bool Counts, DateTimeOffset At, decimal Net)
    {
        public static State Of(OrderRecord order) =>
            order is { Counts: true, CompletedAt: { } at } ? new State(true, at, order.NetRevenue) : default;
    }

    private readonly record struct Entry(DateTimeOffset At, string OrderId, decimal Net) : IComparable<Entry>
    {
        public int CompareTo(Entry other)
        {
            var byTime = At.CompareTo(other.At);
            return byTime != 0 ? byTime : string.CompareOrdinal(OrderId, other.OrderId);
        }
    }
}
