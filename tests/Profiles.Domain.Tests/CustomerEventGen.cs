using System.Collections.Immutable;
using CsCheck;
using Profiles.Domain.Events;

namespace Profiles.Domain.Tests;

/// <summary>
/// Random events for one customer, shaped so that the interesting collisions happen often: a handful of order ids,
/// ticket ids, trait keys and identities, and timestamps from a few dozen instants so that ties are common.
/// Message ids are unique per event.
/// </summary>
internal static class CustomerEventGen
{
    /// <summary>The earliest instant an event is drawn at.</summary>
    public static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A fixed moment after every generated event, for classification.</summary>
    public static readonly DateTimeOffset Now = Epoch.AddDays(400);

    /// <summary>A fixed moment in the middle of the generated events (some events are in its future).</summary>
    public static readonly DateTimeOffset Midway = Epoch.AddDays(200);

    /// <summary>Most events in one sequence; far below the message id window (1000) even with duplicates.</summary>
    public const int MaxEvents = 150;

    /// <summary>16 slots 26 days apart (390 days) and 3 instants per slot: 48 distinct instants.</summary>
    public static readonly Gen<DateTimeOffset> Timestamp =
        Gen.Select(Gen.Int[0, 15], Gen.Int[0, 2], (slot, quarter) => Epoch.AddDays(slot * 26).AddHours(quarter * 6));

    private static readonly Gen<string> OrderId = Gen.Int[1, 6].Select(i => $"order-{i}");
    private static readonly Gen<string> TicketId = Gen.Int[1, 3].Select(i => $"ticket-{i}");
    private static readonly Gen<decimal> Money = Gen.Int[0, 250_000].Select(cents => cents / 100m);

    private static readonly Gen<CustomerEvent> OrderCompleted =
        Gen.Select(Timestamp, OrderId, Money, Gen.OneOf("USD", "EUR"), CustomerEvent (at, order, revenue, currency) => new OrderCompleted
        {
            MessageId = "", Timestamp = at, OrderId = order, Revenue = revenue, OriginalAmount = revenue, Currency = currency,
        });

    private static readonly Gen<CustomerEvent> OrderRefunded =
        Gen.Select(Timestamp, OrderId, Gen.Bool, Gen.Int[1, 50_000], CustomerEvent (at, order, full, cents) => new OrderRefunded
        {
            MessageId = "", Timestamp = at, OrderId = order, Amount = full ? null : cents / 100m,
        });

    private static readonly Gen<CustomerEvent> OrderCancelled =
        Gen.Select(Timestamp, OrderId, CustomerEvent (at, order) => new OrderCancelled { MessageId = "", Timestamp = at, OrderId = order });

    private static readonly Gen<CustomerEvent> Engagement =
        Gen.Select(Timestamp, Gen.Enum<EngagementKind>(), Gen.OneOf("home", "cart", "Product Viewed"), Gen.Int[0, 5],
            CustomerEvent (at, kind, name, session) => new EngagementRecorded
            {
                MessageId = "", Timestamp = at, Engagement = kind, Name = name, SessionId = session == 0 ? null : $"session-{session}",
            });

    private static readonly Gen<CustomerEvent> Survey =
        Gen.Select(Timestamp, Gen.Int[0, 5], Gen.Int[-1, 10], CustomerEvent (at, csat, nps) => new SurveyResponded
        {
            MessageId = "", Timestamp = at,
            Csat = csat == 0 && nps < 0 ? 3 : csat == 0 ? null : csat,
            Nps = nps < 0 ? null : nps,
        });

    private static readonly Gen<CustomerEvent> Review =
        Gen.Select(Timestamp, Gen.Int[1, 5], Gen.OneOf("sku-1", "sku-2"), CustomerEvent (at, rating, product) => new ReviewSubmitted
        {
            MessageId = "", Timestamp = at, Rating = rating, ProductId = product,
        });

    private static readonly Gen<CustomerEvent> Feedback =
        Gen.Select(Timestamp, Gen.Enum<Sentiment>(), CustomerEvent (at, sentiment) => new FeedbackSubmitted
        {
            MessageId = "", Timestamp = at, Sentiment = sentiment,
        });

    private static readonly Gen<CustomerEvent> TicketOpened =
        Gen.Select(Timestamp, TicketId, CustomerEvent (at, ticket) => new TicketOpened { MessageId = "", Timestamp = at, TicketId = ticket });

    private static readonly Gen<CustomerEvent> TicketResolved =
        Gen.Select(Timestamp, TicketId, Gen.Bool, CustomerEvent (at, ticket, breached) => new TicketResolved
        {
            MessageId = "", Timestamp = at, TicketId = ticket, SlaBreached = breached,
        });

    private static readonly Gen<CustomerEvent> Traits =
        Gen.Select(Timestamp, Gen.Select(Gen.OneOf("email", "plan", "address.city", "age", "address.country", "country", "birthday"), Gen.OneOf("a", "b", "DE", "Germany", "42", "1990-05-17")).Array[1, 3],
            CustomerEvent (at, pairs) =>
            {
                var traits = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
                foreach (var (key, value) in pairs) traits[key] = value;
                return new TraitsUpdated { MessageId = "", Timestamp = at, Traits = traits.ToImmutable() };
            });

    private static readonly Gen<CustomerEvent> IdentityLinked =
        Gen.Select(Timestamp, Gen.Int[1, 4], CustomerEvent (at, n) => new IdentityLinked { MessageId = "", Timestamp = at, Identity = $"anon-{n}" });

    /// <summary>One event of any kind, with an empty message id (see <see cref="Sequence"/>).</summary>
    public static readonly Gen<CustomerEvent> Event = Gen.Frequency<CustomerEvent>(
        (4, OrderCompleted), (2, OrderRefunded), (1, OrderCancelled), (4, Engagement), (2, Survey), (1, Review),
        (1, Feedback), (1, TicketOpened), (1, TicketResolved), (2, Traits), (1, IdentityLinked));

    /// <summary>A sequence of events with unique message ids whose order does not follow their timestamps.</summary>
    public static Gen<CustomerEvent[]> Sequence(int minEvents = 0, int maxEvents = MaxEvents) =>
        Gen.Select(Event, Gen.Int[0, 0xFFFF]).Array[minEvents, maxEvents]
            .Select(items => items.Select((item, i) => item.Item1 with { MessageId = $"msg-{item.Item2:x4}-{i:D3}" }).ToArray());

    /// <summary>A sequence and a permutation of it.</summary>
    public static Gen<(CustomerEvent[] Events, CustomerEvent[] Permuted)> SequenceAndPermutation() =>
        Sequence().SelectMany(events => Gen.Shuffle(events.ToArray()).Select(permuted => (events, permuted)));
}
