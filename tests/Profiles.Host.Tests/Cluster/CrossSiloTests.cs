using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Profiles.Domain.Classification;
using Profiles.Abstractions.Grains;
using Profiles.Grains.Realtime;
using Profiles.Host.Realtime;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Cluster;

/// <summary>Two hosts in one process, each with its own silo, forming one cluster on loopback.</summary>
public sealed class CrossSiloTests : IAsyncLifetime
{
    private ProfilesApp _first = null!;
    private ProfilesApp _second = null!;

    public async Task InitializeAsync()
    {
        _first = new ProfilesApp();
        _ = _first.BaseAddress;
        _second = new ProfilesApp(_first.ClusterId, primarySiloPort: _first.SiloPort);
        _ = _second.BaseAddress;

        await Eventually(() => ActiveSilos(_first) == 2 && ActiveSilos(_second) == 2, "both silos to see each other");
        foreach (var app in new[] { _first, _second })
        {
            var relay = app.Services.GetRequiredService<ChangeRelay>();
            await Eventually(async () =>
            {
                await relay.RefreshObserversAsync();
                return relay.KnownObservers == 2;
            }, "every relay to know both silos' observers");
        }
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task AClientOnOneSiloReceivesTheChangeOfACustomerWhoseGrainLivesOnTheOther()
    {
        var customer = $"customer-{Guid.NewGuid():N}";
        await using var agent = await _second.ConnectAsync(TestKeys.Agent);
        await agent.Connection.InvokeAsync(nameof(ProfilesHub.SubscribeCustomer), customer);

        var response = await _first.WriteClient().PostBatchAsync(Segment.Order(customer, "o-1", 2000m, messageId: "cross-silo"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var change = await agent.WaitForAsync(c => c.CustomerId == customer && c.Dimension == Dimensions.Value);
        Assert.Equal("A", change.NewClass);
        Assert.Equal("cross-silo", change.MessageId);

        Assert.Equal(SiloOf(_first), await HostingSiloAsync(_first, customer));
        Assert.NotEqual(SiloOf(_second), SiloOf(_first));
    }

    [Fact]
    public async Task EitherHostReadsTheSameLiveProfile()
    {
        var customer = $"customer-{Guid.NewGuid():N}";
        await _first.WriteClient().PostBatchAsync(Segment.Order(customer, "o-1", 75m));
        await _second.WriteClient().PostBatchAsync(Segment.Order(customer, "o-2", 25m));

        foreach (var app in new[] { _first, _second })
        {
            var profile = await app.ApiClient(TestKeys.Agent).GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/customers/{customer}");
            Assert.Equal(2, (int)profile!["frequency"]!);
            Assert.Equal(100m, (decimal)profile["monetary"]!);
        }
    }

    private static SiloAddress SiloOf(ProfilesApp app) => app.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    private static int ActiveSilos(ProfilesApp app) =>
        app.Services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);

    private static async Task<SiloAddress?> HostingSiloAsync(ProfilesApp app, string customerId)
    {
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var grainId = grains.GetGrain<ICustomerGrain>(customerId).GetGrainId();
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics.FirstOrDefault(s => s.GrainId == grainId)?.SiloAddress;
    }

    private static Task Eventually(Func<bool> condition, string what) => Eventually(() => Task.FromResult(condition()), what);

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            if (timeout.IsCancellationRequested) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }
}
