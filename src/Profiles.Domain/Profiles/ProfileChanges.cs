namespace Profiles.Domain.Profiles;

/// <summary>
/// What changed in a profile's history collections since they were last checkpointed (written to a history segment):
/// the applied message ids added, the orders, tickets and traits written or removed, the timeline entries, sessions,
/// identities and merge sources added. Storage writes these as the tail of the profile's row, so that what a write
/// holds is proportional to what changed, not to the customer's history (<see cref="Packing.ProfileCodec"/>).
/// </summary>
public sealed class ProfileChanges
{
    private HashSet<string>? _orders;
    private HashSet<string>? _removedOrders;
    private HashSet<string>? _tickets;
    private HashSet<string>? _removedTickets;
    private HashSet<string>? _traits;
    private List<TimelineEntry>? _timeline;
    private List<ulong>? _sessions;
    private List<string>? _identities;
    private List<string>? _mergedFrom;

    /// <summary>How many of the newest applied message ids are new since the checkpoint.</summary>
    public int MessageIds { get; private set; }

    /// <summary>Whether nothing changed since the checkpoint.</summary>
    public bool IsEmpty =>
        MessageIds == 0 && _orders is not { Count: > 0 } && _removedOrders is not { Count: > 0 } && _tickets is not { Count: > 0 } &&
        _removedTickets is not { Count: > 0 } && _traits is not { Count: > 0 } && _timeline is not { Count: > 0 } &&
        _sessions is not { Count: > 0 } && _identities is not { Count: > 0 } && _mergedFrom is not { Count: > 0 };

    public IReadOnlyCollection<string> Orders => (IReadOnlyCollection<string>?)_orders ?? [];

    public IReadOnlyCollection<string> RemovedOrders => (IReadOnlyCollection<string>?)_removedOrders ?? [];

    public IReadOnlyCollection<string> Tickets => (IReadOnlyCollection<string>?)_tickets ?? [];

    public IReadOnlyCollection<string> RemovedTickets => (IReadOnlyCollection<string>?)_removedTickets ?? [];

    public IReadOnlyCollection<string> Traits => (IReadOnlyCollection<string>?)_traits ?? [];

    public IReadOnlyList<TimelineEntry> Timeline => (IReadOnlyList<TimelineEntry>?)_timeline ?? [];

    public IReadOnlyList<ulong> Sessions => (IReadOnlyList<ulong>?)_sessions ?? [];

    public IReadOnlyList<string> Identities => (IReadOnlyList<string>?)_identities ?? [];

    public IReadOnlyList<string> MergedFrom => (IReadOnlyList<string>?)_mergedFrom ?? [];

    /// <summary>Forgets every change: they are all in a history segment now.</summary>
    public void Checkpoint()
    {
        MessageIds = 0;
        _orders = _removedOrders = _tickets = _removedTickets = _traits = null;
        _timeline = null;
        _sessions = null;
        _identities = _mergedFrom = null;
    }

    internal void MessageIdAdded(int window) => MessageIds = Math.Min(MessageIds + 1, window);

    internal void OrderWritten(string orderId)
    {
        (_orders ??= new(StringComparer.Ordinal)).Add(orderId);
        _removedOrders?.Remove(orderId);
    }

    internal void OrderRemoved(string orderId)
    {
        _orders?.Remove(orderId);
        (_removedOrders ??= new(StringComparer.Ordinal)).Add(orderId);
    }

    internal void TicketWritten(string ticketId)
    {
        (_tickets ??= new(StringComparer.Ordinal)).Add(ticketId);
        _removedTickets?.Remove(ticketId);
    }

    internal void TicketRemoved(string ticketId)
    {
        _tickets?.Remove(ticketId);
        (_removedTickets ??= new(StringComparer.Ordinal)).Add(ticketId);
    }

    internal void TraitWritten(string key) => (_traits ??= new(StringComparer.Ordinal)).Add(key);

    internal void TimelineAdded(TimelineEntry entry) => (_timeline ??= []).Add(entry);

    internal void SessionAdded(ulong session) => (_sessions ??= []).Add(session);

    internal void IdentityAdded(string identity) => (_identities ??= []).Add(identity);

    internal void MergedFromAdded(string source) => (_mergedFrom ??= []).Add(source);
}
