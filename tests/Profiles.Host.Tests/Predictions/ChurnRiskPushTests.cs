using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Profiles.Abstractions.Grains;
using Profiles.Domain.Classification;
using Profiles.Host.Realtime;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Predictions;

/// <summary>Churn risk is a class like the others: a change is pushed over SignalR, also when time alone makes it.</summary>
public sealed class ChurnRiskPushTests
{
    [Fact]
    public async Task AnAgentWatchingARegularCustomerSeesItsChurnRiskRiseWhenItFallsSilent()
    {
        var clock = new ShiftedClock();
        var start = clock.GetUtcNow();
        var population = SimulatedPopulation.Draw("push-", 1_500, seed: 99, start);
        population.Add("regular", start, 45m, 79, 72, 65, 58, 51, 44, 37, 30, 23, 16, 9, 2);
        await using var app = new ProfilesApp(time: clock, settings: new Dictionary<string, string?>
        {
            ["Profiles:Predictions:RefitInterval"] = "00:00:01",
            ["Profiles:Statistics:FlushInterval"] = "00:00:00.200",
            ["Profiles:Statistics:BreakpointsRefreshInterval"] = "00:00:00.200",
        });
        await population.SendAsync(app.WriteClient());
        var models = await ModelsApi.WaitForAsync(app.ApiClient(TestKeys.Ops), m => m["customers"]!.GetValue<long>() == population.Customers.Count);
        await using var agent = await app.ConnectAsync(TestKeys.Agent);
        await agent.Connection.InvokeAsync(nameof(ProfilesHub.SubscribeCustomer), "regular");

        // Read under the model of every customer (the silo picks it up within its refresh interval): a low churn risk.
        var reader = app.ApiClient(TestKeys.Agent);
        JsonObject profile;
        using (var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while ((profile = (await reader.GetFromJsonAsync<JsonObject>(new Uri("/api/customers/regular", UriKind.Relative), cancel.Token))!)
                   ["predictions"]?["modelVersion"]?.GetValue<long>() < models["version"]!.GetValue<long>() || profile["predictions"] is null)
                await Task.Delay(100, cancel.Token);
        }
        Assert.Equal("low", profile["classes"]!["churnRisk"]!["value"]!.GetValue<string>());

        // A month of silence, and nobody reads the profile: the customer's time bucket wakes it, and the rise is pushed.
        clock.Advance(TimeSpan.FromDays(30));
        await app.Services.GetRequiredService<IGrainFactory>().GetGrain<IWakeCursorGrain>(0).TickAsync();
        var rise = await agent.WaitForAsync(c => c.Dimension == Dimensions.ChurnRisk && c.OldClass == "low", TimeSpan.FromSeconds(60));
        Assert.Equal("regular", rise.CustomerId);
        Assert.Equal("low", rise.OldClass);
        Assert.Contains(rise.NewClass, new[] { "medium", "high" });
        Assert.Null(rise.MessageId);
    }
}
