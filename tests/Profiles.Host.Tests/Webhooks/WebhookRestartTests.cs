using System.Net;
using Profiles.Domain.Classification;
using Profiles.Host.Tests.Infrastructure;
using Profiles.Testing.Azurite;
using Profiles.Testing.Webhooks;

namespace Profiles.Host.Tests.Webhooks;

/// <summary>Webhook outboxes live in Azure Table storage: a delivery pending when the service stops is made after it restarts.</summary>
public sealed class WebhookRestartTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AChangeNotYetDeliveredWhenTheServiceStopsIsDeliveredAfterItRestarts()
    {
        var serviceId = $"webhooks-{Guid.NewGuid():N}";
        var customer = $"customer-{Guid.NewGuid():N}";
        Dictionary<string, string?> Settings(Uri url) => new()
        {
            ["Profiles:Storage:Provider"] = "AzureTable",
            ["Profiles:Storage:ConnectionString"] = azurite.ConnectionString,
            ["Profiles:Clustering:ServiceId"] = serviceId,
            // A stable name keeps the outbox when the receiver's URL changes.
            ["Profiles:Webhooks:Endpoints:0:Name"] = "crm",
            ["Profiles:Webhooks:Endpoints:0:Url"] = url.ToString(),
            ["Profiles:Webhooks:Endpoints:0:Secret"] = "restart-secret",
            ["Profiles:Webhooks:Endpoints:0:Dimensions:0"] = Dimensions.Nps,
            ["Profiles:Webhooks:InitialRetryDelay"] = "00:00:00.050",
            ["Profiles:Webhooks:MaxRetryDelay"] = "00:00:00.200",
        };

        await using (var down = await WebhookReceiver.StartAsync(failFirst: int.MaxValue))
        await using (var first = new ProfilesApp(settings: Settings(down.Url)))
        {
            var sent = await first.WriteClient().PostBatchAsync(Segment.Survey(customer, nps: 1));
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
            await down.FirstFailure.WaitAsync(TimeSpan.FromSeconds(30));
        }

        await using var up = await WebhookReceiver.StartAsync();
        await using var second = new ProfilesApp(settings: Settings(up.Url));
        _ = second.BaseAddress;

        var seen = await up.WaitForAsync(c => c.GetProperty("customerId").GetString() == customer);
        Assert.Contains(seen, s => s.Change.GetProperty("newClass").GetString() == "detractor");
    }
}
