using System.Net;
using Profiles.Host.Tests.Infrastructure;
using Profiles.Host.Tests.Webhooks;
using Profiles.Testing.Webhooks;

namespace Profiles.Host.Tests.Privacy;

/// <summary>Webhook outboxes keep undelivered changes, with customer and message ids: an erasure takes them out.</summary>
public sealed class ErasureWebhookTests
{
    [Fact]
    public async Task UndeliveredChangesOfAnErasedCustomerAreNeverDeliveredWhileOtherCustomersChangesAre()
    {
        // The receiver fails its first 40 requests: the changes wait in the outbox while the customer is erased.
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 40);
        await using var app = new ProfilesApp(settings: new Dictionary<string, string?>
        {
            ["Profiles:Webhooks:Endpoints:0:Url"] = receiver.Url.ToString(),
            ["Profiles:Webhooks:Endpoints:0:Secret"] = "erasure-test-secret",
            ["Profiles:Webhooks:InitialRetryDelay"] = "00:00:00.020",
            ["Profiles:Webhooks:MaxRetryDelay"] = "00:00:00.200",
        });
        var erased = $"erased-{Guid.NewGuid():N}";
        var kept = $"kept-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.OK, (await app.WriteClient().PostBatchAsync(Segment.Order(erased, "o-1", 900m, messageId: "secret-order"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.WriteClient().PostBatchAsync(Segment.Order(kept, "o-1", 900m))).StatusCode);
        await receiver.FirstFailure;

        Assert.Equal(HttpStatusCode.NoContent, (await app.ApiClient(TestKeys.Admin).DeleteAsync($"/api/customers/{erased}")).StatusCode);
        Assert.True(receiver.Failures < 40, "the receiver must still be failing when the customer is erased");

        // Delivered in order: had any change of the erased customer stayed, it would come before the kept one's.
        var seen = await receiver.WaitForAsync(c => c.GetProperty("customerId").GetString() == kept);
        Assert.DoesNotContain(seen, s => s.Change.GetProperty("customerId").GetString() == erased);
        Assert.DoesNotContain(seen, s => s.Change.GetProperty("messageId").GetString() == "secret-order");
    }
}
