using System.Collections.Immutable;
using Profiles.Domain.Events;
using Profiles.Domain.Profiles;

namespace Profiles.Domain.Tests;

/// <summary>Hand-made events for unit tests, relative to a fixed <see cref="Now"/>.</summary>
internal static class TestEvents
{
    private static long _next;

    public static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset DaysAgo(double days) => Now.AddDays(-days);

    public static string NextId() => $"m-{Interlocked.Increment(ref _next):D6}";

    public static OrderCompleted Order(string orderId, DateTimeOffset at, decimal revenue, string? messageId = null) => new()
    {
        MessageId = messageId ?? NextId(), Timestamp = at, OrderId = orderId, Revenue = revenue, OriginalAmount = revenue, Currency = "USD",
    };

    public static OrderRefunded Refund(string orderId, DateTimeOffset at, decimal? amount = null) =>
        new() { MessageId = NextId(), Timestamp = at, OrderId = orderId, Amount = amount };

    public static OrderCancelled Cancel(string orderId, DateTimeOffset at) =>
        new() { MessageId = NextId(), Timestamp = at, OrderId = orderId };

    public static SurveyResponded Survey(DateTimeOffset at, int? csat = null, int? nps = null) =>
        new() { MessageId = NextId(), Timestamp = at, Csat = csat, Nps = nps };

    public static ReviewSubmitted Review(DateTimeOffset at, int rating) =>
        new() { MessageId = NextId(), Timestamp = at, Rating = rating };

    public static FeedbackSubmitted Feedback(DateTimeOffset at, Sentiment sentiment) =>
        new() { MessageId = NextId(), Timestamp = at, Sentiment = sentiment };

    public static TicketOpened TicketOpened(string ticketId, DateTimeOffset at) =>
        new() { MessageId = NextId(), Timestamp = at, TicketId = ticketId };

    public static TicketResolved TicketResolved(string ticketId, DateTimeOffset at, bool slaBreached = false) =>
        new() { MessageId = NextId(), Timestamp = at, TicketId = ticketId, SlaBreached = slaBreached };

    public static TraitsUpdated Traits(DateTimeOffset at, params (string Key, string Value)[] traits) => new()
    {
        MessageId = NextId(), Timestamp = at,
        Traits = traits.ToImmutableSortedDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
    };

    public static EngagementRecorded Page(DateTimeOffset at, string? sessionId = null) =>
        new() { MessageId = NextId(), Timestamp = at, Engagement = EngagementKind.Page, Name = "home", SessionId = sessionId };

    /// <summary>A profile with <paramref name="events"/> folded in.</summary>
    public static CustomerProfile Profile(params CustomerEvent[] events)
    {
        var profile = CustomerProfile.Create("customer-1");
        foreach (var e in events) profile.Apply(e);
        return profile;
    }
}
