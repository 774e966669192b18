using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Privacy;

/// <summary>
/// A customer with every kind of identity an erasure must find: an anonymous id whose clickstream was merged in at
/// sign-in, a previous user id aliased to it (with a profile of its own, merged too) and an e-mail address.
/// </summary>
public sealed record LinkedCustomer(string Customer, string Anonymous, string Alias, string Email)
{
    /// <summary>Sends the events that build it, in the order a website would, each batch acknowledged before the next.</summary>
    public static async Task<LinkedCustomer> CreateAsync(HttpClient writer, string? customerId = null)
    {
        var id = Guid.NewGuid().ToString("N");
        var linked = new LinkedCustomer(customerId ?? $"user-{id}", $"anon-{id}", $"old-{id}", $"Person.{id}@Example.com");

        await SendAsync(writer, Call("page", linked.Anonymous, null, new JsonObject { ["name"] = "Pricing" }));
        await SendAsync(writer, Segment.Page(linked.Alias, "Home"));
        await SendAsync(writer,
            Call("identify", linked.Anonymous, linked.Customer, new JsonObject { ["traits"] = new JsonObject { ["email"] = linked.Email } }),
            Segment.Order(linked.Customer, "o-1", 120m));
        await SendAsync(writer, new JsonObject
        {
            ["type"] = "alias", ["previousId"] = linked.Alias, ["userId"] = linked.Customer, ["messageId"] = Segment.NewId(),
        });
        return linked;
    }

    /// <summary>Every id the customer can be addressed by (its e-mail address is not one: it is looked up explicitly).</summary>
    public IEnumerable<string> AllIds => [Customer, Anonymous, Alias];

    /// <summary>A call with an anonymous id (and a user id when given).</summary>
    public static JsonObject Call(string type, string anonymousId, string? userId, JsonObject fields) =>
        Segment.Anonymous(anonymousId, type, fields, userId);

    private static async Task SendAsync(HttpClient writer, params JsonObject[] calls)
    {
        var response = await writer.PostBatchAsync(calls);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Empty(body!["rejected"]!.AsArray());
    }
}
