using System.Collections.Immutable;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Profiles.Abstractions.Grains;
using Profiles.Domain.Classification;
using Profiles.Domain.Profiles;
using Profiles.Grains.Webhooks;
using Profiles.Host.Tests.Infrastructure;
using Profiles.Testing.Azurite;
using Profiles.Testing.Webhooks;

namespace Profiles.Host.Tests.Webhooks;

/// <summary>
/// An endpoint's outbox is one stored row: on Azure Table storage (Azurite) it stays within what a row holds however
/// many changes pile up for a receiver that is down, and a change handed to it twice is kept once.
/// </summary>
public sealed class WebhookOutboxBoundsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ChangesPilingUpForADownReceiverStayWithinOneRowAndARepeatedChangeIsKeptOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: int.MaxValue);
        var url = receiver.Url.ToString();
        await using var app = new ProfilesApp(settings: new Dictionary<string, string?>
        {
            ["Profiles:Storage:Provider"] = "AzureTable",
            ["Profiles:Storage:ConnectionString"] = azurite.ConnectionString,
            ["Profiles:Clustering:ServiceId"] = $"outbox-{Guid.NewGuid():N}",
            ["Profiles:Webhooks:Endpoints:0:Url"] = url,
            ["Profiles:Webhooks:Endpoints:0:Secret"] = "outbox-secret",
            ["Profiles:Webhooks:MaxPending"] = "100000",
            ["Profiles:Webhooks:InitialRetryDelay"] = "00:00:01",
            ["Profiles:Webhooks:MaxRetryDelay"] = "00:00:05",
        });
        _ = app.BaseAddress;
        var outbox = app.Services.GetRequiredService<IGrainFactory>().GetGrain<IWebhookOutboxGrain>(url);
        var at = DateTimeOffset.UtcNow;

        // 12,000 changes of customers with the longest ids of two-byte characters: far more than one row holds.
        for (var batch = 0; batch < 24; batch++)
        {
            var changes = Enumerable.Range(0, 500).Select(i =>
                new ClassChange($"{batch:D2}-{i:D3}-" + new string('é', 240), Dimensions.Nps, "passive", "detractor", at, $"m-{batch}-{i}")).ToImmutableArray();
            await outbox.EnqueueAsync(changes);
        }
        var held = await outbox.WakeAsync();
        // Each change is counted at no less than three bytes a character of its customer id.
        Assert.InRange(held, 100, WebhookOutboxGrain.MaxPendingBytes / (3 * 247));

        // Handed over again (a caller retrying): nothing is added twice.
        var last = Enumerable.Range(0, 500).Select(i =>
            new ClassChange($"23-{i:D3}-" + new string('é', 240), Dimensions.Nps, "passive", "detractor", at, $"m-23-{i}")).ToImmutableArray();
        await outbox.EnqueueAsync(last);
        Assert.Equal(held, await outbox.WakeAsync());

        // And the service keeps working: events are stored and the outbox keeps taking changes.
        Assert.Equal(HttpStatusCode.OK, (await app.WriteClient().PostBatchAsync(Segment.Survey($"after-{Guid.NewGuid():N}", nps: 1))).StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await outbox.WakeAsync() == held && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.InRange(await outbox.WakeAsync(), held + 1, WebhookOutboxGrain.MaxPendingBytes / (3 * 247) + 20);
    }
}
