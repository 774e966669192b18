namespace Profiles.Domain.Profiles;

/// <summary>
/// A profile's tickets sorted by the moment that dates them (opened, else resolved), in three lists — every ticket,
/// those whose SLA was breached, and those still open — so that the satisfaction classifier counts the tickets of its
/// window and the time triggers find the next ticket to leave it by binary search, not by walking every ticket on every
/// classification. Derived from <see cref="SatisfactionFacts.Tickets"/>: never stored, built on first use and kept up to
/// date by the fold.
/// </summary>
internal sealed class TicketIndex
{
    private readonly List<long> _dated = [];
    private readonly List<long> _breached = [];
    private readonly List<long> _open = [];

    /// <summary>What the index counts of one ticket: when it is dated (UTC ticks, or null) and which lists hold it.</summary>
    public readonly record struct State(long? At, bool Breached, bool Open)
    {
        public static State Of(TicketRecord ticket)
        {
            ArgumentNullException.ThrowIfNull(ticket);
            return new State((ticket.OpenedAt ?? ticket.ResolvedAt)?.UtcTicks, ticket.SlaBreached, ticket.IsOpen);
        }
    }

    public static TicketIndex Build(Dictionary<string, TicketRecord> tickets)
    {
        var index = new TicketIndex();
        foreach (var ticket in tickets.Values)
        {
            var state = State.Of(ticket);
            if (state.At is not { } at) continue;
            index._dated.Add(at);
            if (state.Breached) index._breached.Add(at);
            else if (state.Open) index._open.Add(at);
        }
        index._dated.Sort();
        index._breached.Sort();
        index._open.Sort();
        return index;
    }

    /// <summary>Replaces what the index knew of a ticket (its state before a change) by its state after it.</summary>
    public void Update(State before, State after)
    {
        if (before == after) return;
        if (before.At is { } was)
        {
            Remove(_dated, was);
            if (before.Breached) Remove(_breached, was);
            else if (before.Open) Remove(_open, was);
        }
        if (after.At is { } now)
        {
            Insert(_dated, now);
            if (after.Breached) Insert(_breached, now);
            else if (after.Open) Insert(_open, now);
        }
    }

    /// <summary>Tickets dated at or after <paramref name="since"/> whose SLA was breached.</summary>
    public int BreachedSince(DateTimeOffset since) => _breached.Count - LowerBound(_breached, since.UtcTicks);

    /// <summary>Tickets dated at or after <paramref name="since"/>, still open, SLA not breached.</summary>
    public int OpenSince(DateTimeOffset since) => _open.Count - LowerBound(_open, since.UtcTicks);

    /// <summary>The earliest ticket date after <paramref name="after"/>, or null.</summary>
    public DateTimeOffset? FirstDatedAfter(DateTimeOffset after)
    {
        var i = LowerBound(_dated, after.UtcTicks + 1);
        return i < _dated.Count ? new DateTimeOffset(_dated[i], TimeSpan.Zero) : null;
    }

    private static void Insert(List<long> list, long at)
    {
        // Appended in the common case: tickets mostly arrive in time order.
        if (list.Count == 0 || list[^1] <= at) list.Add(at);
        else list.Insert(LowerBound(list, at), at);
    }

    private static void Remove(List<long> list, long at)
    {
        var i = LowerBound(list, at);
        if (i < list.Count && list[i] == at) list.RemoveAt(i);
    }

    /// <summary>The index of the first value at or after <paramref name="at"/>.</summary>
    private static int LowerBound(List<long> list, long at)
    {
        int low = 0, high = list.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (list[middle] >= at) high = middle;
            else low = middle + 1;
        }
        return low;
    }
}
