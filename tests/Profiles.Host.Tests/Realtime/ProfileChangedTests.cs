using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Profiles.Domain.Classification;
using Profiles.Host.Realtime;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Realtime;

public sealed class ProfileChangedTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly ProfilesApp _app = fixture.App;

    private static string NewCustomer() => $"customer-{Guid.NewGuid():N}";

    [Fact]
    public async Task AnAgentWatchingACustomerReceivesItsTierChangeWithTheCausingEvent()
    {
        var customer = NewCustomer();
        await using var agent = await _app.ConnectAsync(TestKeys.Agent);
        await agent.Connection.InvokeAsync(nameof(ProfilesHub.SubscribeCustomer), customer);

        var response = await _app.WriteClient().PostBatchAsync(Segment.Order(customer, "o-1", 1500m, messageId: "big-order"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var change = await agent.WaitForAsync(c => c.Dimension == Dimensions.Value);
        Assert.Equal(customer, change.CustomerId);
        Assert.Null(change.OldClass);
        Assert.Equal("A", change.NewClass);
        Assert.Equal("big-order", change.MessageId);
        Assert.True(change.At > DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task AChangeFromOneClassToAnotherCarriesBoth()
    {
        var customer = NewCustomer();
        await _app.WriteClient().PostBatchAsync(Segment.Survey(customer, csat: 5));
        await using var agent = await _app.ConnectAsync(TestKeys.Agent);
        await agent.Connection.InvokeAsync(nameof(ProfilesHub.SubscribeCustomer), customer);

        await _app.WriteClient().PostBatchAsync(Segment.Survey(customer, csat: 1, messageId: "angry"));

        var change = await agent.WaitForAsync(c => c.Dimension == Dimensions.Satisfaction && c.MessageId == "angry");
        Assert.Equal("satisfied", change.OldClass);
        Assert.Equal("unsatisfied", change.NewClass);
        Assert.Equal("angry", change.MessageId);
    }

    [Fact]
    public async Task OpsWatchingAClassReceiveCustomersEnteringIt()
    {
        var customer = NewCustomer();
        await using var ops = await _app.ConnectAsync(TestKeys.Ops);
        await ops.Connection.InvokeAsync(nameof(ProfilesHub.SubscribeClass), Dimensions.Nps, "detractor");

        await _app.WriteClient().PostBatchAsync(Segment.Survey(customer, nps: 2));

        var change = await ops.WaitForAsync(c => c.CustomerId == customer);
        Assert.Equal(Dimensions.Nps, change.Dimension);
        Assert.Equal("detractor", change.NewClass);
    }

    [Fact]
    public async Task AConnectionSubscribedSeveralWaysReceivesEachChangeOnce()
    {
        var customer = NewCustomer();
        await using var admin = await _app.ConnectAsync(TestKeys.Admin);
        await admin.Connection.InvokeAsync(nameof(ProfilesHub.SubscribeAll));
        await admin.Connection.InvokeAsync(nameof(ProfilesHub.SubscribeCustomer), customer);
        await admin.Connection.InvokeAsync(nameof(ProfilesHub.SubscribeClass), Dimensions.Value, "A");

        await _app.WriteClient().PostBatchAsync(Segment.Order(customer, "o-1", 5000m));
        await admin.WaitForAsync(c => c.CustomerId == customer && c.Dimension == Dimensions.Value);

        // A marker change sent afterwards: once it arrives, every change of the first batch has arrived too.
        var marker = NewCustomer();
        await _app.WriteClient().PostBatchAsync(Segment.Page(marker, "Home"));
        await admin.WaitForAsync(c => c.CustomerId == marker);
        Assert.DoesNotContain(admin.Drain(), c => c.CustomerId == customer && c.Dimension == Dimensions.Value);
    }

    [Fact]
    public async Task AfterUnsubscribingNoMoreChangesArrive()
    {
        var customer = NewCustomer();
        await using var agent = await _app.ConnectAsync(TestKeys.Agent);
        await agent.Connection.InvokeAsync(nameof(ProfilesHub.SubscribeCustomer), customer);
        await _app.WriteClient().PostBatchAsync(Segment.Survey(customer, nps: 10));
        await agent.WaitForAsync(c => c.Dimension == Dimensions.Nps && c.NewClass == "promoter");
        await agent.Connection.InvokeAsync(nameof(ProfilesHub.UnsubscribeCustomer), customer);

        var marker = NewCustomer();
        await agent.Connection.InvokeAsync(nameof(ProfilesHub.SubscribeCustomer), marker);
        await _app.WriteClient().PostBatchAsync(Segment.Survey(customer, nps: 0));
        await _app.WriteClient().PostBatchAsync(Segment.Page(marker, "Home"));
        await agent.WaitForAsync(c => c.CustomerId == marker);
        Assert.DoesNotContain(agent.Drain(), c => c.CustomerId == customer);
    }
}
