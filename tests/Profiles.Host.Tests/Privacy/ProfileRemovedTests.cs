using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Profiles.Domain.Classification;
using Profiles.Host.Realtime;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Privacy;

/// <summary>An erasure is pushed over SignalR as ProfileRemoved, to everyone who was watching the customer.</summary>
public sealed class ProfileRemovedTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly ProfilesApp _app = fixture.App;

    [Fact]
    public async Task SubscribersOfTheCustomerOfEverythingAndOfItsClassesReceiveItsRemovalWithTheClassesItLeft()
    {
        var customer = $"watched-{Guid.NewGuid():N}";
        await using var agent = await _app.ConnectAsync(TestKeys.Agent);
        await agent.Connection.InvokeAsync(nameof(ProfilesHub.SubscribeCustomer), customer);
        await using var everything = await _app.ConnectAsync(TestKeys.Ops);
        await everything.Connection.InvokeAsync(nameof(ProfilesHub.SubscribeAll));
        await using var tierA = await _app.ConnectAsync(TestKeys.Ops);
        await tierA.Connection.InvokeAsync(nameof(ProfilesHub.SubscribeClass), Dimensions.Value, "A");
        await using var unrelated = await _app.ConnectAsync(TestKeys.Ops);
        await unrelated.Connection.InvokeAsync(nameof(ProfilesHub.SubscribeClass), Dimensions.Value, "B");

        Assert.Equal(HttpStatusCode.OK, (await _app.WriteClient().PostBatchAsync(Segment.Order(customer, "o-1", 1500m))).StatusCode);
        await agent.WaitForAsync(c => c.CustomerId == customer && c.Dimension == Dimensions.Value);
        var before = DateTimeOffset.UtcNow;

        var erased = await _app.ApiClient(TestKeys.Admin).DeleteAsync($"/api/customers/{customer}");
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);

        foreach (var client in new[] { agent, everything, tierA })
        {
            var removal = await client.WaitForRemovalAsync(r => r.CustomerId == customer);
            Assert.Equal("A", removal.Classes[Dimensions.Value]);
            Assert.Equal("new", removal.Classes[Dimensions.Lifecycle]);
            Assert.Equal("new-customers", removal.Classes[Dimensions.Rfm]);
            Assert.True(removal.At >= before.AddSeconds(-1));
        }

        // Each removal reaches a connection once; a connection watching another class hears nothing of it. (The
        // subscribers above received theirs through the same delivery, so it has reached this one too if it were sent.)
        Assert.DoesNotContain(everything.DrainRemovals(), r => r.CustomerId == customer);
        Assert.DoesNotContain(unrelated.DrainRemovals(), r => r.CustomerId == customer);
    }
}
