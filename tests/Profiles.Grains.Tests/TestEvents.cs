using Profiles.Domain.Events;

namespace Profiles.Grains.Tests;

/// <summary>Hand-made customer events with unique message ids.</summary>
internal static class TestEvents
{
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static OrderCompleted Order(DateTimeOffset at, decimal revenue, string? messageId = null) => new()
    {
        MessageId = messageId ?? NewId("msg"),
        Timestamp = at,
        OrderId = NewId("order"),
        Revenue = revenue,
        OriginalAmount = revenue,
        Currency = "EUR",
    };

    public static EngagementRecorded Page(DateTimeOffset at, string? sessionId = null) =>
        new() { MessageId = NewId("msg"), Timestamp = at, Engagement = EngagementKind.Page, Name = "Home", SessionId = sessionId };

    public static SurveyResponded Survey(DateTimeOffset at, int? csat = null, int? nps = null) =>
        new() { MessageId = NewId("msg"), Timestamp = at, Csat = csat, Nps = nps };
}
