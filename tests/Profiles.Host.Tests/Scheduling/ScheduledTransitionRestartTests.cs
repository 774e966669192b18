using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Profiles.Abstractions.Grains;
using Profiles.Host.Tests.Infrastructure;
using Profiles.Testing.Azurite;

namespace Profiles.Host.Tests.Scheduling;

/// <summary>The time buckets live in Azure Table storage: a restarted service still moves silent customers on time.</summary>
public sealed class ScheduledTransitionRestartTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ASilentCustomerTurnsDormantOnTimeAfterTheServiceRestartedWithoutAnyoneReadingIt()
    {
        var clock = new ShiftedClock();
        var settings = new Dictionary<string, string?>
        {
            ["Profiles:Storage:Provider"] = "AzureTable",
            ["Profiles:Storage:ConnectionString"] = azurite.ConnectionString,
            ["Profiles:Clustering:ServiceId"] = $"restart-{Guid.NewGuid():N}",
        };
        var customer = $"silent-{Guid.NewGuid():N}";

        await using (var first = new ProfilesApp(settings: settings, time: clock))
        {
            var sent = await first.WriteClient().PostBatchAsync(
                Segment.Order(customer, "o-1", 80m, at: clock.GetUtcNow().AddDays(-60)),
                Segment.Order(customer, "o-2", 80m, at: clock.GetUtcNow().AddDays(-10)));
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
            var before = await first.ApiClient(TestKeys.Agent).GetFromJsonAsync<JsonObject>($"/api/customers/{customer}");
            Assert.Equal("active", (string)before!["lifecycle"]!);
        }

        // The service is down while 100 days pass; then it starts again on the same storage.
        clock.Advance(TimeSpan.FromDays(100));
        await using var second = new ProfilesApp(settings: settings, time: clock);
        _ = second.BaseAddress;

        // The cursor fires what came due while the service was down (a silo ticks at start; this waits for that tick).
        var cursor = second.Services.GetRequiredService<IGrainFactory>().GetGrain<IWakeCursorGrain>(0);
        await cursor.TickAsync();
        var readAt = clock.GetUtcNow();

        var after = await second.ApiClient(TestKeys.Agent).GetFromJsonAsync<JsonObject>($"/api/customers/{customer}");
        Assert.Equal("dormant", (string)after!["lifecycle"]!);
        var lifecycle = after["classes"]!["lifecycle"]!;
        Assert.Null((string?)lifecycle["causedBy"]);
        Assert.True(DateTimeOffset.Parse((string)lifecycle["since"]!, System.Globalization.CultureInfo.InvariantCulture) < readAt,
            "the customer turned dormant by its time bucket, before anyone read it");
    }
}
