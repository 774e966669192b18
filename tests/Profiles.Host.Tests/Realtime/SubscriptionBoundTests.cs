using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Profiles.Host.Realtime;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Realtime;

/// <summary>Subscriptions cannot grow the silo's memory without bound: per connection, and nothing left when emptied.</summary>
public sealed class SubscriptionBoundTests
{
    [Fact]
    public async Task AConnectionHoldsAtMostTheBoundAndEveryEmptiedEntryIsRemoved()
    {
        await using var app = new ProfilesApp();
        var subscriptions = app.Services.GetRequiredService<Subscriptions>();
        await using var agent = await app.ConnectAsync(TestKeys.Agent);
        var ids = Enumerable.Range(0, Subscriptions.MaxPerConnection).Select(i => $"watched-{i}").ToList();
        foreach (var id in ids) await agent.Connection.InvokeAsync(nameof(ProfilesHub.SubscribeCustomer), id);

        // One more is refused with the reason; subscribing again to one already held is fine.
        var refused = await Assert.ThrowsAsync<HubException>(() => agent.Connection.InvokeAsync(nameof(ProfilesHub.SubscribeCustomer), "one-too-many"));
        Assert.Contains($"{Subscriptions.MaxPerConnection} subscriptions", refused.Message, StringComparison.Ordinal);
        await agent.Connection.InvokeAsync(nameof(ProfilesHub.SubscribeCustomer), ids[0]);
        Assert.Equal(Subscriptions.MaxPerConnection, subscriptions.KeyCount);

        // Unsubscribing removes the entries themselves, not just the connection from them.
        foreach (var id in ids.Take(500)) await agent.Connection.InvokeAsync(nameof(ProfilesHub.UnsubscribeCustomer), id);
        Assert.Equal(Subscriptions.MaxPerConnection - 500, subscriptions.KeyCount);
        await agent.Connection.InvokeAsync(nameof(ProfilesHub.SubscribeCustomer), "now-there-is-room");

        // A second connection has a bound of its own, and a closed connection leaves nothing behind.
        await using (var other = await app.ConnectAsync(TestKeys.Agent))
        {
            await other.Connection.InvokeAsync(nameof(ProfilesHub.SubscribeCustomer), "now-there-is-room");
            await other.Connection.InvokeAsync(nameof(ProfilesHub.SubscribeCustomer), "only-the-other");
        }
        await agent.Connection.StopAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (subscriptions.KeyCount > 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(0, subscriptions.KeyCount);
        Assert.True(subscriptions.IsEmpty);
    }
}
