using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Profiles.Host.Tests.Infrastructure;
using Profiles.Host.Tests.Ingest;

namespace Profiles.Host.Tests.Auth;

public sealed class AuthorizationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly ProfilesApp _app = fixture.App;

    private HttpClient Anonymous() => _app.CreateClient();

    private HttpClient Basic(string user)
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":")));
        return client;
    }

    [Fact]
    public async Task SendingEventsWithoutAWriteKeyIsUnauthorized()
    {
        var response = await Anonymous().PostBatchAsync(Segment.Page("u", "Home"));
        await IngestApiTests.AssertProblem(response, HttpStatusCode.Unauthorized, "write key");
        Assert.Contains("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownWriteKeyIsUnauthorized()
    {
        var response = await Basic("not-a-key").PostBatchAsync(Segment.Page("u", "Home"));
        await IngestApiTests.AssertProblem(response, HttpStatusCode.Unauthorized, "not known");
    }

    [Theory]
    [InlineData(TestKeys.Agent)]
    [InlineData(TestKeys.Admin)]
    public async Task AnApiKeyCannotSendEvents(string key)
    {
        var response = await _app.ApiClient(key).PostBatchAsync(Segment.Page("u", "Home"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AWriteKeyCannotReadProfiles()
    {
        var customer = $"c-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.OK, (await _app.WriteClient().PostBatchAsync(Segment.Page(customer, "Home"))).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await Basic(TestKeys.Write).GetAsync($"/api/customers/{customer}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.ApiClient(TestKeys.Write).GetAsync($"/api/customers/{customer}")).StatusCode);
    }

    [Fact]
    public async Task ReadingWithoutAKeyOrWithAWrongKeyIsUnauthorized()
    {
        await IngestApiTests.AssertProblem(await Anonymous().GetAsync("/api/customers/x"), HttpStatusCode.Unauthorized, "API key");
        await IngestApiTests.AssertProblem(await _app.ApiClient("wrong").GetAsync("/api/customers/x"), HttpStatusCode.Unauthorized, "not known");
    }

    [Fact]
    public async Task AnOpsKeyMayNotReadOneCustomersProfile()
    {
        var response = await _app.ApiClient(TestKeys.Ops).GetAsync("/api/customers/x");
        await IngestApiTests.AssertProblem(response, HttpStatusCode.Forbidden, "role");
    }

    [Theory]
    [InlineData(TestKeys.Agent)]
    [InlineData(TestKeys.Admin)]
    public async Task AgentAndAdminKeysReadProfiles(string key)
    {
        var customer = $"c-{Guid.NewGuid():N}";
        await _app.WriteClient().PostBatchAsync(Segment.Page(customer, "Home"));
        var profile = await _app.ApiClient(key).GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/customers/{customer}");
        Assert.Equal(customer, (string)profile!["customerId"]!);
    }

    [Fact]
    public async Task TheHubRefusesAConnectionWithoutAKey()
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(_app.BaseAddress, "/hubs/profiles")).Build();
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task TheHubRefusesAWriteKey()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_app.BaseAddress, "/hubs/profiles"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(TestKeys.Write))
            .Build();
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task AnAgentMayWatchACustomerButNotEveryone()
    {
        await using var agent = await _app.ConnectAsync(TestKeys.Agent);
        await agent.Connection.InvokeAsync("SubscribeCustomer", "someone");
        var error = await Assert.ThrowsAsync<HubException>(() => agent.Connection.InvokeAsync("SubscribeAll"));
        Assert.Contains("ops or admin", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => agent.Connection.InvokeAsync("SubscribeClass", "lifecycle", "churned"));
    }

    [Fact]
    public async Task OpsMayWatchClassesButNotOneCustomer()
    {
        await using var ops = await _app.ConnectAsync(TestKeys.Ops);
        await ops.Connection.InvokeAsync("SubscribeAll");
        await ops.Connection.InvokeAsync("SubscribeClass", "lifecycle", "churned");
        await Assert.ThrowsAsync<HubException>(() => ops.Connection.InvokeAsync("SubscribeCustomer", "someone"));
    }
}
