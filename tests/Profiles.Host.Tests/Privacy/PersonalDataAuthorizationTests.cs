using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Privacy;

/// <summary>Erasing and exporting a customer are for admin keys only.</summary>
public sealed class PersonalDataAuthorizationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly ProfilesApp _app = fixture.App;

    public static TheoryData<string> Requests => ["DELETE", "EXPORT"];

    private static HttpRequestMessage Request(string kind, string customer) => kind == "DELETE"
        ? new HttpRequestMessage(HttpMethod.Delete, $"/api/customers/{customer}")
        : new HttpRequestMessage(HttpMethod.Get, $"/api/customers/{customer}/export");

    private async Task<string> CustomerAsync()
    {
        var customer = $"c-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.OK, (await _app.WriteClient().PostBatchAsync(Segment.Page(customer, "Home"))).StatusCode);
        return customer;
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task WithoutAKeyOrWithAnUnknownOrWriteKeyTheAnswerIs401(string kind)
    {
        var customer = await CustomerAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient().SendAsync(Request(kind, customer))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.ApiClient("not-a-key").SendAsync(Request(kind, customer))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.ApiClient(TestKeys.Write).SendAsync(Request(kind, customer))).StatusCode);
        var basic = _app.CreateClient();
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(TestKeys.Write + ":")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await basic.SendAsync(Request(kind, customer))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task AgentAndOpsKeysAreForbiddenAndTheCustomerStays(string kind)
    {
        var customer = await CustomerAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.ApiClient(TestKeys.Agent).SendAsync(Request(kind, customer))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.ApiClient(TestKeys.Ops).SendAsync(Request(kind, customer))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.ApiClient(TestKeys.Agent).GetAsync($"/api/customers/{customer}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task AnAdminKeyIsAllowed(string kind)
    {
        var customer = await CustomerAsync();
        var expected = kind == "DELETE" ? HttpStatusCode.NoContent : HttpStatusCode.OK;
        Assert.Equal(expected, (await _app.ApiClient(TestKeys.Admin).SendAsync(Request(kind, customer))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.ApiClient(TestKeys.Admin).SendAsync(Request(kind, $"unknown-{Guid.NewGuid():N}"))).StatusCode);
    }
}
