using System.Globalization;
using System.Text.Json;

namespace Profiles.Browser.Tests.Infrastructure;

/// <summary>Segment batches for the tests.</summary>
public static class Events
{
    public static string Batch(params object[] events) => JsonSerializer.Serialize(new { batch = events });

    public static object Identify(string userId) =>
        new { type = "identify", userId, traits = new { email = $"{userId}@example.com" } };

    public static object Order(string userId, string orderId, decimal revenue, int daysAgo = 0) =>
        new
        {
            type = "track", userId, @event = "Order Completed", messageId = $"{userId}-{orderId}",
            timestamp = DateTimeOffset.UtcNow.AddDays(-daysAgo).ToString("O", CultureInfo.InvariantCulture),
            properties = new { order_id = orderId, revenue, currency = "USD" },
        };

    public static object Survey(string userId, string messageId, int csat, int nps) =>
        new { type = "track", userId, @event = "Survey Responded", messageId, properties = new { csat, nps } };
}
