using Profiles.Domain.Classification;
using Profiles.Domain.Events;
using Profiles.Domain.Predictions;
using Profiles.Domain.Statistics;

namespace Profiles.Domain.Profiles;

/// <summary>
/// A customer's live profile: the facts folded from its events and the classes derived from them — what the fold and
/// the classifiers read, and nothing of the grain's own bookkeeping (its statistics report, time-bucket entry, merge
/// forwarding or e-mail directory entries). Folding is commutative and idempotent: the facts depend on the set of events
/// applied, never on the order they arrived in, and an event whose message id was already applied changes nothing.
/// </summary>
/// <remarks>
/// Stored packed (<see cref="Packing.ProfileCodec"/>): the small facts in full on every write, the history collections
/// (applied message ids, orders, tickets, traits, timeline, sessions, identities) as the <see cref="Changes"/> since their
/// last checkpoint, so that a write costs what changed and not the customer's history.
/// </remarks>
public sealed class CustomerProfile
{
    /// <summary>How many timeline entries a profile keeps.</summary>
    public const int TimelineCapacity = 50;

    /// <summary>How many distinct session ids a profile counts before the count saturates.</summary>
    public const int SessionCapacity = 500;

    /// <summary>
    /// How many orders a profile keeps one by one: a stored profile must stay well below the 1 MB an Azure Table entity
    /// can hold. Beyond it (plus a quarter, so pruning is rare) the oldest are summed up in <see cref="ArchivedOrders"/>.
    /// </summary>
    public const int OrderCapacity = 1000;

    /// <summary>
    /// How many support tickets a profile keeps, for the same reason; beyond it (plus a quarter) the oldest are dropped.
    /// Satisfaction reads only recent tickets (<c>Profiles:Satisfaction:TicketWindowDays</c>), so only a customer with
    /// more tickets than this within that window, or the open and breached ticket counts, see a difference.
    /// </summary>
    public const int TicketCapacity = 200;

    /// <summary>
    /// How many distinct trait keys a profile keeps (an identify call carries at most 100, each value at most 1,000
    /// characters). At the bound the keys it has keep taking new values and a key it does not have yet is not kept, so
    /// no stream of made-up trait names can grow a profile without end.
    /// </summary>
    public const int TraitCapacity = 500;

    /// <summary>How many linked identities a profile lists; beyond it a merged profile's further identities are not listed.</summary>
    public const int IdentityCapacity = 1000;

    /// <summary>
    /// How many merged profiles a profile lists to merge each exactly once. Beyond it a merge still adds the facts, and
    /// exactly-once rests on the identity record alone (which marks its merge done once, see <c>IdentityGrain</c>).
    /// </summary>
    public const int MergeSourceCapacity = 1000;

    public string CustomerId { get; set; } = "";
    public Dictionary<string, OrderRecord> Orders { get; set; } = new(StringComparer.Ordinal);
    public SatisfactionFacts Satisfaction { get; set; } = new();
    public EngagementFacts Engagement { get; set; } = new();
    public Dictionary<string, Stamped<string>> Traits { get; set; } = new(StringComparer.Ordinal);
    public SortedSet<string> Identities { get; set; } = new(StringComparer.Ordinal);
    public List<TimelineEntry> Timeline { get; set; } = [];
    public MessageIdWindow AppliedMessages { get; set; } = new();
    public Dictionary<string, ClassState> Classes { get; set; } = new(StringComparer.Ordinal);
    public long EventsApplied { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>
    /// The profiles merged into this one (an anonymous visitor who turned out to be this customer), each exactly once:
    /// a merge of a source listed here changes nothing.
    /// </summary>
    public SortedSet<string> MergedFrom { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The orders beyond <see cref="OrderCapacity"/>, oldest first, summed up; null while there are none.</summary>
    public OrderArchive? ArchivedOrders { get; set; }

    /// <summary>What changed in the history collections since their last checkpoint (what the next write must hold).</summary>
    public ProfileChanges Changes { get; } = new();

    // Derived from Orders, never stored: built on first use (also after a load, or when Orders is replaced) and kept up
    // to date by the fold.
    [NonSerialized] private OrderIndex? _orderIndex;
    [NonSerialized] private Dictionary<string, OrderRecord>? _indexedOrders;

    /// <summary>The counted orders sorted by time with running sums, for the classification (see <see cref="OrderIndex"/>).</summary>
    internal OrderIndex OrderIndex
    {
        get
        {
            if (_orderIndex is null || !ReferenceEquals(_indexedOrders, Orders))
            {
                _orderIndex = OrderIndex.Build(Orders);
                _indexedOrders = Orders;
            }
            return _orderIndex;
        }
    }

    private OrderIndex? CurrentOrderIndex => ReferenceEquals(_indexedOrders, Orders) ? _orderIndex : null;

    // Derived from Satisfaction.Tickets like the order index from Orders.
    [NonSerialized] private TicketIndex? _ticketIndex;
    [NonSerialized] private Dictionary<string, TicketRecord>? _indexedTickets;

    /// <summary>The tickets sorted by date, for the satisfaction classifier and the time triggers (see <see cref="TicketIndex"/>).</summary>
    internal TicketIndex TicketIndex
    {
        get
        {
            if (_ticketIndex is null || !ReferenceEquals(_indexedTickets, Satisfaction.Tickets))
            {
                _ticketIndex = TicketIndex.Build(Satisfaction.Tickets);
                _indexedTickets = Satisfaction.Tickets;
            }
            return _ticketIndex;
        }
    }

    private TicketIndex? CurrentTicketIndex => ReferenceEquals(_indexedTickets, Satisfaction.Tickets) ? _ticketIndex : null;

    [NonSerialized] private PredictionMemo? _predictionMemo;

    /// <summary>The prediction classes' inputs and results of the last classification (see <see cref="Classification.PredictionMemo"/>).</summary>
    internal PredictionMemo PredictionMemo => _predictionMemo ??= new PredictionMemo();

    // The purchase history derived last, and the index state it was derived from: the classification and the statistics
    // contribution both read it once per drain, and most drains change no order.
    [NonSerialized] private PurchaseHistory? _history;
    [NonSerialized] private OrderIndex? _historyIndex;
    [NonSerialized] private long _historyChanges;

    /// <summary>
    /// The customer's buy-till-you-die statistics (first and last purchase day, repeat purchase days, their mean value),
    /// from the sorted order index and the archive in logarithmic time, never a walk over the orders; null without a
    /// counted order. Equal to <see cref="Predictions.PurchaseHistory.Of(IEnumerable{OrderRecord})"/> of the orders while none is
    /// archived. With an archive the days are the archive's plus the kept orders', a day shared at the boundary counted once.
    /// </summary>
    public PurchaseHistory? CurrentPurchaseHistory()
    {
        var index = OrderIndex;
        if (ReferenceEquals(_historyIndex, index) && _historyChanges == index.Changes) return _history;
        _history = DerivePurchaseHistory(index, ArchivedOrders is { Count: > 0 } archive ? archive : null);
        (_historyIndex, _historyChanges) = (index, index.Changes);
        return _history;
    }

    private static PurchaseHistory? DerivePurchaseHistory(OrderIndex index, OrderArchive? archive)
    {
        if (index.Count == 0 && archive is null) return null;
        int first, last, days;
        decimal repeatValue;
        if (index.Count > 0)
        {
            first = PopulationContribution.DayOf(index.First!.Value);
            last = PopulationContribution.DayOf(index.Last!.Value);
            days = index.Days;
            var afterFirstDay = index.FirstAfterDay(first);
            var firstDayValue = index.Revenue - index.RevenueFrom(afterFirstDay);
            repeatValue = index.Revenue - firstDayValue;
            if (archive is not null)
            {
                var (archiveFirst, archiveLast) = (PopulationContribution.DayOf(archive.First!.Value), PopulationContribution.DayOf(archive.Last!.Value));
                days += archive.EstimatedDays - (archiveLast == first ? 1 : 0);
                // Every archived purchase is a repeat one unless it fell on the customer's first day.
                repeatValue += archiveFirst < first ? archive.Revenue - archive.EstimatedFirstDayRevenue + firstDayValue
                    : archiveFirst == first ? archive.Revenue - archive.EstimatedFirstDayRevenue
                    : archive.Revenue;
                first = Math.Min(first, archiveFirst);
                last = Math.Max(last, archiveLast);
            }
        }
        else
        {
            first = PopulationContribution.DayOf(archive!.First!.Value);
            last = PopulationContribution.DayOf(archive.Last!.Value);
            days = archive.EstimatedDays;
            repeatValue = archive.Revenue - archive.EstimatedFirstDayRevenue;
        }
        return Predictions.PurchaseHistory.FromDays(first, last, days, repeatValue);
    }

    /// <summary>Creates the empty profile of a customer.</summary>
    public static CustomerProfile Create(string customerId) => new() { CustomerId = customerId };

    /// <summary>Folds one event into the facts. Classes are not touched: see <see cref="Reclassify"/>.</summary>
    public ApplyOutcome Apply(CustomerEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!AddMessageId(MessageKey.Of(e.MessageId))) return ApplyOutcome.Duplicate;

        switch (e)
        {
            case OrderCompleted o: ApplyOrder(o); break;
            case OrderRefunded r: ApplyRefund(r); break;
            case OrderCancelled c: ApplyCancellation(c); break;
            case EngagementRecorded g: ApplyEngagement(g); break;
            case SurveyResponded s: ApplySurvey(s); break;
            case ReviewSubmitted r: ApplyReview(r); break;
            case FeedbackSubmitted f: ApplyFeedback(f); break;
            case TicketOpened t: ApplyTicketOpened(t); break;
            case TicketResolved t: ApplyTicketResolved(t); break;
            case TraitsUpdated t: ApplyTraits(t); break;
            case IdentityLinked i: AddIdentity(i.Identity); break;
            default: throw new ArgumentException($"Unknown event type {e.GetType().Name}.", nameof(e));
        }

        if (e is OrderCompleted or OrderRefunded or OrderCancelled) BoundOrders();
        else if (e is TicketOpened or TicketResolved) BoundTickets();
        if (e is not IdentityLinked) Seen(e.Timestamp);
        AddToTimeline(new TimelineEntry(e.MessageId, e.Timestamp, e.Kind, e.Describe()));
        EventsApplied++;
        return ApplyOutcome.Applied;
    }

    /// <summary>
    /// Merges another profile's facts into this one, exactly once per source profile: orders by order id, counters
    /// and sums added, latest values by time, traits by time, timelines and applied message ids united, and the
    /// source listed among the identities. False (and nothing changes) when the source was merged before or is this
    /// profile. Like folding, the result does not depend on the order in which events and merges arrive.
    /// </summary>
    public bool Merge(CustomerProfile source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (string.Equals(source.CustomerId, CustomerId, StringComparison.Ordinal) || !AddMergedFrom(source.CustomerId)) return false;
        foreach (var id in source.MergedFrom.Where(id => !string.Equals(id, CustomerId, StringComparison.Ordinal))) AddMergedFrom(id);
        AddIdentity(source.CustomerId);
        foreach (var id in source.Identities.Where(id => !string.Equals(id, CustomerId, StringComparison.Ordinal))) AddIdentity(id);

        foreach (var (orderId, theirs) in source.Orders)
        {
            var mine = Order(orderId);
            MergeOrder(mine, theirs);
            Changes.OrderWritten(orderId, mine);
        }
        if (source.ArchivedOrders is { } archived) (ArchivedOrders ??= new OrderArchive()).Merge(archived);
        _orderIndex = null;
        BoundOrders();
        BoundTickets();
        MergeSatisfaction(source.Satisfaction);
        MergeEngagement(source.Engagement);
        foreach (var (key, value) in source.Traits) OfferTrait(key, value);
        foreach (var entry in source.Timeline) AddToTimeline(entry);
        foreach (var key in source.AppliedMessages.Keys) AddMessageId(key);
        EventsApplied += source.EventsApplied;
        return true;
    }

    private static void MergeOrder(OrderRecord mine, OrderRecord theirs)
    {
        if (theirs.CompletedAt is { } at && theirs.CompletionMessageId is { } id)
        {
            var incoming = new Stamped<decimal>(theirs.Revenue, at, id);
            Stamped<decimal>? existing = mine.CompletedAt is { } myAt && mine.CompletionMessageId is { } myId
                ? new Stamped<decimal>(mine.Revenue, myAt, myId)
                : null;
            if (incoming.Supersedes(existing))
            {
                mine.CompletedAt = at;
                mine.Revenue = theirs.Revenue;
                mine.CompletionMessageId = id;
            }
        }
        mine.Refunded += theirs.Refunded;
        mine.FullyRefunded |= theirs.FullyRefunded;
        mine.Cancelled |= theirs.Cancelled;
    }

    private void MergeSatisfaction(SatisfactionFacts theirs)
    {
        var mine = Satisfaction;
        mine.CsatCount += theirs.CsatCount;
        mine.CsatSum += theirs.CsatSum;
        mine.NpsCount += theirs.NpsCount;
        mine.NpsSum += theirs.NpsSum;
        mine.ReviewCount += theirs.ReviewCount;
        mine.ReviewSum += theirs.ReviewSum;
        mine.PositiveFeedback += theirs.PositiveFeedback;
        mine.NeutralFeedback += theirs.NeutralFeedback;
        mine.NegativeFeedback += theirs.NegativeFeedback;
        mine.LatestCsat = Later(mine.LatestCsat, theirs.LatestCsat);
        mine.LatestNps = Later(mine.LatestNps, theirs.LatestNps);
        mine.LatestReview = Later(mine.LatestReview, theirs.LatestReview);
        mine.LatestSentiment = Later(mine.LatestSentiment, theirs.LatestSentiment);
        _ticketIndex = null;
        foreach (var (ticketId, ticket) in theirs.Tickets)
        {
            var own = Ticket(ticketId);
            if (ticket.OpenedAt is { } opened) own.Opened(opened);
            if (ticket.ResolvedAt is { } resolved) own.Resolved(resolved, ticket.SlaBreached);
            else own.SlaBreached |= ticket.SlaBreached;
            Changes.TicketWritten(ticketId, own);
        }
    }

    private void MergeEngagement(EngagementFacts theirs)
    {
        var mine = Engagement;
        mine.PageViews += theirs.PageViews;
        mine.ScreenViews += theirs.ScreenViews;
        mine.TrackedEvents += theirs.TrackedEvents;
        mine.Shares += theirs.Shares;
        mine.Comments += theirs.Comments;
        mine.Referrals += theirs.Referrals;
        if (theirs.FirstSeen is { } first) Seen(first);
        if (theirs.LastSeen is { } last) Seen(last);
        foreach (var session in theirs.SessionHashes.Order())
        {
            if (mine.SessionCount >= SessionCapacity) break;
            AddSession(session);
        }
    }

    private static Stamped<T>? Later<T>(Stamped<T>? mine, Stamped<T>? theirs) =>
        theirs is { } t && t.Supersedes(mine) ? t : mine;

    /// <summary>
    /// Recomputes every class at <paramref name="now"/> and returns the ones that changed, recording the new
    /// class with the time and the message that caused the change (the reason is derived when shown, see <see cref="ClassState"/>).
    /// </summary>
    public IReadOnlyList<ClassChange> Reclassify(ProfileClassifier classifier, DateTimeOffset now, string? causedBy)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        var assignments = classifier.Classify(this, now, explain: false);
        List<ClassChange>? changes = null;
        foreach (var assignment in assignments)
        {
            Classes.TryGetValue(assignment.Dimension, out var current);
            if (current is not null && current.Value == assignment.Value)
            {
                // A reason stored before reasons were derived on read is dropped: it would only go stale.
                if (current.Reason is not null) Classes[assignment.Dimension] = current with { Reason = null };
                continue;
            }

            Classes[assignment.Dimension] = new ClassState(assignment.Value, Reason: null, now, causedBy);
            (changes ??= []).Add(new ClassChange(CustomerId, assignment.Dimension, current?.Value, assignment.Value, now, causedBy));
        }

        // A dimension no longer classified (a custom segment removed from configuration) is dropped, without a change.
        if (Classes.Count > assignments.Count)
        {
            var current = assignments.Select(a => a.Dimension).ToHashSet(StringComparer.Ordinal);
            foreach (var stale in Classes.Keys.Where(d => !current.Contains(d)).ToList()) Classes.Remove(stale);
        }

        UpdatedAt = now;
        return changes ?? (IReadOnlyList<ClassChange>)[];
    }

    /// <summary>Orders that count (completed, not cancelled), most recent first.</summary>
    public IEnumerable<OrderRecord> CountedOrders => Orders.Values.Where(o => o.Counts);

    private OrderRecord Order(string orderId)
    {
        if (!Orders.TryGetValue(orderId, out var order))
        {
            order = new OrderRecord();
            Orders.Add(orderId, order);
        }
        return order;
    }

    /// <summary>
    /// Keeps at most <see cref="OrderCapacity"/> orders one by one once more than a quarter above it: the oldest
    /// (orders not completed first, then by completion time and id) are summed up in <see cref="ArchivedOrders"/>.
    /// </summary>
    private void BoundOrders()
    {
        if (Orders.Count <= OrderCapacity + OrderCapacity / 4) return;
        var archive = ArchivedOrders ??= new OrderArchive();
        var oldest = Orders
            .OrderBy(o => o.Value.CompletedAt ?? DateTimeOffset.MinValue)
            .ThenBy(o => o.Key, StringComparer.Ordinal)
            .Take(Orders.Count - OrderCapacity)
            .ToList();
        foreach (var (orderId, order) in oldest)
        {
            Orders.Remove(orderId);
            Changes.OrderRemoved(orderId);
            if (order is { Counts: true, CompletedAt: { } at }) archive.Add(at, order.NetRevenue);
        }
        _orderIndex = null;
    }

    /// <summary>Keeps at most <see cref="TicketCapacity"/> tickets once more than a quarter above it, dropping the oldest.</summary>
    private void BoundTickets()
    {
        var tickets = Satisfaction.Tickets;
        if (tickets.Count <= TicketCapacity + TicketCapacity / 4) return;
        var oldest = tickets
            .OrderBy(t => t.Value.OpenedAt ?? t.Value.ResolvedAt ?? DateTimeOffset.MinValue)
            .ThenBy(t => t.Key, StringComparer.Ordinal)
            .Take(tickets.Count - TicketCapacity)
            .Select(t => t.Key)
            .ToList();
        foreach (var ticketId in oldest)
        {
            tickets.Remove(ticketId);
            Changes.TicketRemoved(ticketId);
        }
        _ticketIndex = null;
    }

    private void ApplyOrder(OrderCompleted o)
    {
        var order = Order(o.OrderId);
        var before = OrderIndex.State.Of(order);
        var incoming = new Stamped<decimal>(o.Revenue, o.Timestamp, o.MessageId);
        Stamped<decimal>? existing = order.CompletedAt is { } at && order.CompletionMessageId is { } id
            ? new Stamped<decimal>(order.Revenue, at, id)
            : null;
        if (!incoming.Supersedes(existing)) return;
        order.CompletedAt = o.Timestamp;
        order.Revenue = o.Revenue;
        order.CompletionMessageId = o.MessageId;
        CurrentOrderIndex?.Update(o.OrderId, before, OrderIndex.State.Of(order));
        Changes.OrderWritten(o.OrderId, order);
    }

    private void ApplyRefund(OrderRefunded r)
    {
        var order = Order(r.OrderId);
        var before = OrderIndex.State.Of(order);
        if (r.Amount is { } amount) order.Refunded += amount;
        else order.FullyRefunded = true;
        CurrentOrderIndex?.Update(r.OrderId, before, OrderIndex.State.Of(order));
        Changes.OrderWritten(r.OrderId, order);
    }

    private void ApplyCancellation(OrderCancelled c)
    {
        var order = Order(c.OrderId);
        var before = OrderIndex.State.Of(order);
        order.Cancelled = true;
        CurrentOrderIndex?.Update(c.OrderId, before, OrderIndex.State.Of(order));
        Changes.OrderWritten(c.OrderId, order);
    }

    private void ApplyEngagement(EngagementRecorded g)
    {
        var facts = Engagement;
        switch (g.Engagement)
        {
            case EngagementKind.Page: facts.PageViews++; break;
            case EngagementKind.Screen: facts.ScreenViews++; break;
            case EngagementKind.Share: facts.Shares++; facts.TrackedEvents++; break;
            case EngagementKind.Comment: facts.Comments++; facts.TrackedEvents++; break;
            case EngagementKind.Referral: facts.Referrals++; facts.TrackedEvents++; break;
            default: facts.TrackedEvents++; break;
        }
        if (g.SessionId is { } session && facts.SessionCount < SessionCapacity) AddSession(EngagementFacts.HashOf(session));
    }

    private void ApplySurvey(SurveyResponded s)
    {
        var facts = Satisfaction;
        if (s.Csat is { } csat)
        {
            facts.CsatCount++;
            facts.CsatSum += csat;
            facts.LatestCsat = Latest(facts.LatestCsat, new Stamped<int>(csat, s.Timestamp, s.MessageId));
        }
        if (s.Nps is { } nps)
        {
            facts.NpsCount++;
            facts.NpsSum += nps;
            facts.LatestNps = Latest(facts.LatestNps, new Stamped<int>(nps, s.Timestamp, s.MessageId));
        }
    }

    private void ApplyReview(ReviewSubmitted r)
    {
        var facts = Satisfaction;
        facts.ReviewCount++;
        facts.ReviewSum += r.Rating;
        facts.LatestReview = Latest(facts.LatestReview, new Stamped<int>(r.Rating, r.Timestamp, r.MessageId));
    }

    private void ApplyFeedback(FeedbackSubmitted f)
    {
        var facts = Satisfaction;
        switch (f.Sentiment)
        {
            case Sentiment.Positive: facts.PositiveFeedback++; break;
            case Sentiment.Negative: facts.NegativeFeedback++; break;
            default: facts.NeutralFeedback++; break;
        }
        facts.LatestSentiment = Latest(facts.LatestSentiment, new Stamped<Sentiment>(f.Sentiment, f.Timestamp, f.MessageId));
    }

    private TicketRecord Ticket(string ticketId)
    {
        if (!Satisfaction.Tickets.TryGetValue(ticketId, out var ticket))
        {
            ticket = new TicketRecord();
            Satisfaction.Tickets.Add(ticketId, ticket);
        }
        return ticket;
    }

    private void ApplyTicketOpened(TicketOpened t)
    {
        var ticket = Ticket(t.TicketId);
        var before = TicketIndex.State.Of(ticket);
        ticket.Opened(t.Timestamp);
        CurrentTicketIndex?.Update(before, TicketIndex.State.Of(ticket));
        Changes.TicketWritten(t.TicketId, ticket);
    }

    private void ApplyTicketResolved(TicketResolved t)
    {
        var ticket = Ticket(t.TicketId);
        var before = TicketIndex.State.Of(ticket);
        ticket.Resolved(t.Timestamp, t.SlaBreached);
        CurrentTicketIndex?.Update(before, TicketIndex.State.Of(ticket));
        Changes.TicketWritten(t.TicketId, ticket);
    }

    private void ApplyTraits(TraitsUpdated t)
    {
        foreach (var (key, value) in t.Traits) OfferTrait(key, new Stamped<string>(value, t.Timestamp, t.MessageId));
    }

    /// <summary>Keeps the trait when it is newer than the kept one, and when it is a new key, while there is room for one.</summary>
    private void OfferTrait(string key, Stamped<string> incoming)
    {
        if (Traits.TryGetValue(key, out var current))
        {
            if (incoming.Supersedes(current)) SetTrait(key, incoming);
        }
        else if (Traits.Count < TraitCapacity)
        {
            SetTrait(key, incoming);
        }
    }

    private void Seen(DateTimeOffset at)
    {
        var facts = Engagement;
        if (facts.FirstSeen is not { } first || at < first) facts.FirstSeen = at;
        if (facts.LastSeen is not { } last || at > last) facts.LastSeen = at;
    }

    /// <summary>Adds a timeline entry read back from storage.</summary>
    internal void RestoreTimeline(TimelineEntry entry)
    {
        var index = Timeline.BinarySearch(entry, TimelineOrder.Instance);
        if (index >= 0) return;
        index = ~index;
        if (index >= TimelineCapacity) return;
        Timeline.Insert(index, entry);
        if (Timeline.Count > TimelineCapacity) Timeline.RemoveAt(Timeline.Count - 1);
    }

    /// <summary>
    /// Marks every history entry as changed: a profile read from the first stored form (one row of everything) is written
    /// in the packed form from its next write on, and everything must be in it.
    /// </summary>
    public void MarkAllChanged()
    {
        Changes.Checkpoint();
        foreach (var key in AppliedMessages.Keys) Changes.MessageIdAdded(key);
        foreach (var (orderId, order) in Orders) Changes.OrderWritten(orderId, order);
        foreach (var (ticketId, ticket) in Satisfaction.Tickets) Changes.TicketWritten(ticketId, ticket);
        foreach (var (key, trait) in Traits) Changes.TraitWritten(key, trait);
        foreach (var entry in Timeline) Changes.TimelineAdded(entry);
        foreach (var session in Engagement.SessionHashes) Changes.SessionAdded(session);
        foreach (var identity in Identities) Changes.IdentityAdded(identity);
        foreach (var source in MergedFrom) Changes.MergedFromAdded(source);
    }

    private void AddToTimeline(TimelineEntry entry)
    {
        // Newest first; ties broken by message id so the kept set does not depend on arrival order.
        var index = Timeline.BinarySearch(entry, TimelineOrder.Instance);
        if (index < 0) index = ~index;
        if (index >= TimelineCapacity || (index < Timeline.Count && Timeline[index] == entry)) return;
        Timeline.Insert(index, entry);
        if (Timeline.Count > TimelineCapacity) Timeline.RemoveAt(Timeline.Count - 1);
        Changes.TimelineAdded(entry);
    }

    private bool AddMessageId(MessageKey key)
    {
        if (!AppliedMessages.Add(key)) return false;
        Changes.MessageIdAdded(key);
        return true;
    }

    private void AddIdentity(string identity)
    {
        if (Identities.Count < IdentityCapacity && Identities.Add(identity)) Changes.IdentityAdded(identity);
    }

    /// <summary>False when the source is listed already (merged before); at the bound it is merged without being listed.</summary>
    private bool AddMergedFrom(string source)
    {
        if (MergedFrom.Contains(source)) return false;
        if (MergedFrom.Count >= MergeSourceCapacity) return true;
        MergedFrom.Add(source);
        Changes.MergedFromAdded(source);
        return true;
    }

    private void SetTrait(string key, Stamped<string> value)
    {
        Traits[key] = value;
        Changes.TraitWritten(key, value);
    }

    private void AddSession(ulong session)
    {
        if (Engagement.AddSession(session)) Changes.SessionAdded(session);
    }

    /// <summary>Invalidates what is derived from <see cref="Orders"/> and the tickets, after they were replaced in place (a load).</summary>
    internal void HistoryRestored() => (_orderIndex, _ticketIndex) = (null, null);

    private static Stamped<T> Latest<T>(Stamped<T>? current, Stamped<T> incoming) =>
        incoming.Supersedes(current) ? incoming : current!.Value;

    private sealed class TimelineOrder : IComparer<TimelineEntry>
    {
        public static readonly TimelineOrder Instance = new();

        public int Compare(TimelineEntry? x, TimelineEntry? y)
        {
            var byTime = y!.Timestamp.CompareTo(x!.Timestamp);
            return byTime != 0 ? byTime : string.CompareOrdinal(y.MessageId, x.MessageId);
        }
    }
}
