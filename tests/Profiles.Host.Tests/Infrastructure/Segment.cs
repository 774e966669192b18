using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Profiles.Host.Tests.Infrastructure;

/// <summary>Builds Segment calls as websites send them.</summary>
public static class Segment
{
    public static JsonObject Order(string userId, string orderId, decimal revenue, string? messageId = null, DateTimeOffset? at = null, string? currency = null)
    {
        var properties = new JsonObject { ["order_id"] = orderId, ["revenue"] = revenue };
        if (currency is not null) properties["currency"] = currency;
        return Call("track", userId, messageId ?? NewId(), at, new JsonObject { ["event"] = "Order Completed", ["properties"] = properties });
    }

    public static JsonObject Track(string userId, string eventName, JsonObject? properties = null, string? messageId = null, DateTimeOffset? at = null) =>
        Call("track", userId, messageId ?? NewId(), at, new JsonObject { ["event"] = eventName, ["properties"] = properties ?? new JsonObject() });

    public static JsonObject Survey(string userId, int? csat = null, int? nps = null, string? messageId = null)
    {
        var properties = new JsonObject();
        if (csat is not null) properties["csat"] = csat;
        if (nps is not null) properties["nps"] = nps;
        return Track(userId, "Survey Responded", properties, messageId);
    }

    public static JsonObject Page(string userId, string name) => Call("page", userId, NewId(), null, new JsonObject { ["name"] = name });

    public static JsonObject Identify(string userId, JsonObject traits) => Call("identify", userId, NewId(), null, new JsonObject { ["traits"] = traits });

    /// <summary>A call with an anonymous id, and a user id when given (an identify after sign-in links the two).</summary>
    public static JsonObject Anonymous(string anonymousId, string type, JsonObject fields, string? userId = null)
    {
        var call = new JsonObject { ["type"] = type, ["anonymousId"] = anonymousId, ["messageId"] = NewId() };
        if (userId is not null) call["userId"] = userId;
        foreach (var (key, value) in fields.ToList())
        {
            fields.Remove(key);
            call[key] = value;
        }
        return call;
    }

    public static JsonObject Batch(params JsonObject[] calls) => new() { ["batch"] = new JsonArray([.. calls]) };

    public static Task<HttpResponseMessage> PostBatchAsync(this HttpClient client, params JsonObject[] calls) =>
        client.PostAsJsonAsync("/v1/batch", Batch(calls));

    public static string NewId() => Guid.NewGuid().ToString("N");

    private static JsonObject Call(string type, string userId, string messageId, DateTimeOffset? at, JsonObject fields)
    {
        var call = new JsonObject { ["type"] = type, ["userId"] = userId, ["messageId"] = messageId };
        if (at is { } timestamp) call["timestamp"] = timestamp.ToString("O");
        foreach (var (key, value) in fields.ToList())
        {
            fields.Remove(key);
            call[key] = value;
        }
        return call;
    }
}
