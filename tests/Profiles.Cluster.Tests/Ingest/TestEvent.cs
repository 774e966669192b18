using System.Text.Json.Nodes;

namespace Profiles.Cluster.Tests.Ingest;

/// <summary>One event the client sends: an order (with a unique order id and revenue) or a CSAT survey answer.</summary>
internal sealed record TestEvent(string CustomerId, string MessageId, DateTimeOffset Timestamp, string? OrderId, decimal Revenue, int? Csat)
{
    public bool IsOrder => OrderId is not null;

    public static TestEvent Order(string customerId, string messageId, DateTimeOffset timestamp, string orderId, decimal revenue) =>
        new(customerId, messageId, timestamp, orderId, revenue, null);

    public static TestEvent Survey(string customerId, string messageId, DateTimeOffset timestamp, int csat) =>
        new(customerId, messageId, timestamp, null, 0m, csat);

    /// <summary>The event as a Segment <c>track</c> call.</summary>
    public JsonObject ToSegment() => new()
    {
        ["type"] = "track",
        ["userId"] = CustomerId,
        ["messageId"] = MessageId,
        ["timestamp"] = Timestamp.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["event"] = IsOrder ? "Order Completed" : "Survey Responded",
        ["properties"] = IsOrder
            ? new JsonObject { ["order_id"] = OrderId, ["revenue"] = Revenue }
            : new JsonObject { ["csat"] = Csat },
    };
}
