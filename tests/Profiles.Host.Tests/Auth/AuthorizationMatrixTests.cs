using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Profiles.Host.Realtime;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Auth;

/// <summary>
/// Every endpoint of the app × every kind of credential gets exactly the intended answer: 401 without a key or with an
/// unknown one (or a key in the wrong scheme), 403 for a known API key without the role, success otherwise. The table of
/// endpoints is checked against the app's <c>EndpointDataSource</c>, so a new endpoint without a row fails the build.
/// </summary>
public sealed class AuthorizationMatrixTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    /// <summary>A customer with a profile, read by the rows that need one.</summary>
    private const string Known = "matrix-known-customer";

    private readonly ProfilesApp _app = fixture.App;

    /// <summary>Who may call an endpoint.</summary>
    public enum Access
    {
        /// <summary>No credential needed (probes, pages that hold no data).</summary>
        Anyone,

        /// <summary>A write key (HTTP Basic, or <c>writeKey</c> in the body).</summary>
        WriteKey,

        /// <summary>An API key of any role.</summary>
        AnyRole,
        AgentOrAdmin,
        OpsOrAdmin,
        AdminOnly,
    }

    /// <summary>The credentials every endpoint is tried with.</summary>
    public enum Credential
    {
        None,
        WriteKeyInBasic,
        AgentKey,
        OpsKey,
        AdminKey,
        UnknownBearerKey,
        UnknownBasicKey,
        AdminKeyInBasic,
        WriteKeyAsBearer,
        MalformedBasic,
        AdminKeyInQueryString,
    }

    /// <summary>One row: a route and method as the app maps them, who may call it, and a request that exercises it.</summary>
    /// <param name="Success">What an allowed credential gets; null: anything but 401 and 403 (and never a 5xx).</param>
    public sealed record Row(string Method, string Route, Access Access, string SamplePath, HttpStatusCode? Success)
    {
        /// <summary>The method the sample request uses when the route takes any.</summary>
        public string Send { get; init; } = Method == "*" ? "GET" : Method;
    }

    /// <summary>The intended protection of every endpoint. A route the app maps without a row here fails <see cref="EveryEndpointOfTheAppHasARowInTheMatrix"/>.</summary>
    public static readonly Row[] Rows =
    [
        new("POST", "/v1/batch", Access.WriteKey, "/v1/batch", HttpStatusCode.OK),
        new("POST", "/v1/track", Access.WriteKey, "/v1/track", HttpStatusCode.OK),
        new("POST", "/v1/identify", Access.WriteKey, "/v1/identify", HttpStatusCode.OK),
        new("POST", "/v1/page", Access.WriteKey, "/v1/page", HttpStatusCode.OK),
        new("POST", "/v1/screen", Access.WriteKey, "/v1/screen", HttpStatusCode.OK),
        new("POST", "/v1/alias", Access.WriteKey, "/v1/alias", HttpStatusCode.OK),
        new("POST", "/v1/group", Access.WriteKey, "/v1/group", HttpStatusCode.OK),
        new("GET", "/api/customers/{id}", Access.AgentOrAdmin, $"/api/customers/{Known}", HttpStatusCode.OK),
        new("GET", "/api/customers", Access.AgentOrAdmin, "/api/customers?email=matrix-nobody%40example.com", HttpStatusCode.NotFound),
        new("DELETE", "/api/customers/{id}", Access.AdminOnly, "/api/customers/matrix-nobody", HttpStatusCode.NotFound),
        new("GET", "/api/customers/{id}/export", Access.AdminOnly, $"/api/customers/{Known}/export", HttpStatusCode.OK),
        new("GET", "/api/stats/classes", Access.OpsOrAdmin, "/api/stats/classes", HttpStatusCode.OK),
        new("GET", "/api/stats/breakpoints", Access.OpsOrAdmin, "/api/stats/breakpoints", HttpStatusCode.OK),
        new("GET", "/api/stats/throughput", Access.OpsOrAdmin, "/api/stats/throughput", HttpStatusCode.OK),
        new("GET", "/api/audiences/{dimension}/{class}/members", Access.OpsOrAdmin, "/api/audiences/lifecycle/prospect/members?fields=email", HttpStatusCode.OK),
        new("GET", "/api/segments", Access.OpsOrAdmin, "/api/segments", HttpStatusCode.OK),
        new("GET", "/api/segments/{name}", Access.OpsOrAdmin, "/api/segments/matrix-nobody", HttpStatusCode.NotFound),
        // Created the first time, then the same definition again: past authorization either way.
        new("PUT", "/api/segments/{name}", Access.AdminOnly, "/api/segments/matrix-segment", null),
        new("DELETE", "/api/segments/{name}", Access.AdminOnly, "/api/segments/matrix-nobody", HttpStatusCode.NotFound),
        new("GET", "/api/stats/models", Access.OpsOrAdmin, "/api/stats/models", HttpStatusCode.OK),
        new("GET", "/api/session", Access.AnyRole, "/api/session", HttpStatusCode.OK),
        new("POST", "/api/session/orleans", Access.AdminOnly, "/api/session/orleans", HttpStatusCode.NoContent),
        new("*", "/metrics", Access.AdminOnly, "/metrics", HttpStatusCode.OK),
        new("GET", "/openapi/v1.json", Access.Anyone, "/openapi/v1.json", HttpStatusCode.OK),
        new("GET", "/api-reference/{documentName?}", Access.Anyone, "/api-reference/", HttpStatusCode.OK),
        new("GET", "/api-reference/scalar.js", Access.Anyone, "/api-reference/scalar.js", HttpStatusCode.OK),
        new("GET", "/api-reference/scalar.aspnetcore.js", Access.Anyone, "/api-reference/scalar.aspnetcore.js", HttpStatusCode.OK),
        new("GET", "/api-reference/favicon.svg", Access.Anyone, "/api-reference/favicon.svg", HttpStatusCode.OK),
        new("GET", "/", Access.Anyone, "/", HttpStatusCode.OK),
        new("*", "/health/live", Access.Anyone, "/health/live", HttpStatusCode.OK),
        new("*", "/health/ready", Access.Anyone, "/health/ready", HttpStatusCode.OK),
        new("GET", "/dashboard", Access.Anyone, "/dashboard", HttpStatusCode.OK),
        new("GET", "/agent", Access.Anyone, "/agent", HttpStatusCode.OK),
        new("GET", "/segments", Access.Anyone, "/segments", HttpStatusCode.OK),
        new("*", "/hubs/profiles/negotiate", Access.AnyRole, "/hubs/profiles/negotiate?negotiateVersion=1", HttpStatusCode.OK) { Send = "POST" },
        // Without a connection id the transport answers 400: past authorization, which is what this row is about.
        new("*", "/hubs/profiles", Access.AnyRole, "/hubs/profiles", HttpStatusCode.BadRequest),
        // The Orleans dashboard (Profiles:Operations:Dashboard): its page, assets and JSON endpoints, all for admins.
        .. Dashboard("/orleans/", "/orleans/index.html", "/orleans/index.css", "/orleans/index.min.js", "/orleans/favicon.ico", "/orleans/version",
            "/orleans/ClusterStats", "/orleans/DashboardCounters", "/orleans/GrainTypes", "/orleans/LifecycleStages", "/orleans/Reminders",
            "/orleans/TopGrainMethods"),
        .. DashboardWith(("/orleans/GrainState", "/orleans/GrainState"), ("/orleans/GrainStats/{*grainName}", "/orleans/GrainStats/x"),
            ("/orleans/HistoricalStats/{*path}", "/orleans/HistoricalStats/{silo}"), ("/orleans/Reminders/{page:int}", "/orleans/Reminders/1"),
            ("/orleans/SiloCounters/{*address}", "/orleans/SiloCounters/{silo}"), ("/orleans/SiloMetadata/{*address}", "/orleans/SiloMetadata/{silo}"),
            ("/orleans/SiloProperties/{*address}", "/orleans/SiloProperties/{silo}"), ("/orleans/SiloStats/{*address}", "/orleans/SiloStats/{silo}"),
            ("/orleans/Trace", "/orleans/Trace"), ("/orleans/fonts/{**path}", "/orleans/fonts/x"), ("/orleans/img/{**path}", "/orleans/img/x")),
    ];

    private static IEnumerable<Row> Dashboard(params string[] paths) => DashboardWith([.. paths.Select(p => (p, p))]);

    // Past authorization an admin may get any answer but 401, 403 and a server error (some need parameters): Success null.
    private static IEnumerable<Row> DashboardWith(params (string Route, string Sample)[] routes) =>
        routes.Select(r => new Row("GET", r.Route, Access.AdminOnly, r.Sample, null));

    public static TheoryData<string, string, Credential> Cases()
    {
        var data = new TheoryData<string, string, Credential>();
        foreach (var row in Rows)
        {
            foreach (var credential in Enum.GetValues<Credential>()) data.Add(row.Method, row.Route, credential);
        }
        return data;
    }

    [Fact]
    public void EveryEndpointOfTheAppHasARowInTheMatrix()
    {
        var mapped = AppEndpoints.Of(_app);
        var missing = mapped.Where(e => !Rows.Any(r => r.Route == e.Route && (r.Method == e.Method || r.Method == "*"))).ToList();
        var stale = Rows.Where(r => !mapped.Any(e => e.Route == r.Route && (r.Method == e.Method || r.Method == "*"))).ToList();

        Assert.True(missing.Count == 0, "Endpoints without a row in the authorization matrix: " + string.Join(", ", missing.Select(e => $"{e.Method} {e.Route}")));
        Assert.True(stale.Count == 0, "Rows for endpoints the app does not map: " + string.Join(", ", stale.Select(r => $"{r.Method} {r.Route}")));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EachEndpointAnswersEachCredentialAsIntended(string method, string route, Credential credential)
    {
        var row = Rows.Single(r => r.Method == method && r.Route == route);
        if (!AppEndpoints.Of(_app).Any(e => e.Route == row.Route)) return; // reported by EveryEndpointOfTheAppHasARowInTheMatrix
        await EnsureKnownCustomerAsync();

        using var request = Request(row, credential, _app.Services.GetRequiredService<Orleans.Runtime.ILocalSiloDetails>().SiloAddress.ToParsableString());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        HttpResponseMessage response;
        try
        {
            response = await _app.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (OperationCanceledException) when (row.Route == "/orleans/Trace" && Expected(row.Access, credential, hub: false) is null)
        {
            return; // The live trace streams until the client leaves: an allowed caller is past authorization once it runs.
        }
        using var answer = response;

        var expected = Expected(row.Access, credential, row.Route.StartsWith("/hubs", StringComparison.Ordinal));
        if (expected is null && row.Success is null)
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || (int)response.StatusCode >= 500)
                Assert.Fail($"{row.Method} {row.SamplePath} with {credential}: {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return;
        }
        if (expected is null)
        {
            if (response.StatusCode != row.Success)
                Assert.Fail($"{row.Method} {row.SamplePath} with {credential}: {(int)response.StatusCode} instead of {(int)row.Success!}: {await response.Content.ReadAsStringAsync()}");
            return;
        }
        if (response.StatusCode != expected)
            Assert.Fail($"{row.Method} {row.SamplePath} with {credential}: {(int)response.StatusCode} instead of {(int)expected}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        var detail = (string)problem!["detail"]!;
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Contains("role", detail, StringComparison.Ordinal);
            return;
        }
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
        // A key in the scheme the endpoint reads is looked up and named unknown; any other credential is not seen at all.
        var looked = row.Access == Access.WriteKey
            ? credential is Credential.UnknownBasicKey or Credential.AdminKeyInBasic
            : credential is Credential.UnknownBearerKey or Credential.WriteKeyAsBearer;
        Assert.Contains(looked ? "not known" : row.Access == Access.WriteKey ? "write key" : "API key", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaticFilesArePublicAndHoldNoData()
    {
        // Not endpoints: served by the static files middleware before authorization. They are the pages' code only.
        var files = _app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>().WebRootFileProvider;
        var client = _app.CreateClient();
        foreach (var directory in new[] { "js", "css" })
        {
            var contents = files.GetDirectoryContents(directory).Where(f => !f.IsDirectory).ToList();
            Assert.NotEmpty(contents);
            foreach (var file in contents)
            {
                var response = await client.GetAsync($"/{directory}/{file.Name}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
        Assert.All(files.GetDirectoryContents("").Where(f => !f.IsDirectory), f => Assert.Matches(@"\.html$|^favicon\.(ico|svg)$", f.Name));
    }

    /// <summary>Connecting to the hub: any API key (as the .NET and browser clients send it); nothing else.</summary>
    [Theory]
    [InlineData(Credential.None, null)]
    [InlineData(Credential.WriteKeyAsBearer, null)]
    [InlineData(Credential.UnknownBearerKey, null)]
    [InlineData(Credential.WriteKeyInBasic, null)]
    [InlineData(Credential.AdminKeyInBasic, null)]
    [InlineData(Credential.AgentKey, "agent")]
    [InlineData(Credential.OpsKey, "ops")]
    [InlineData(Credential.AdminKey, "admin")]
    public async Task TheHubAcceptsAConnectionOnlyWithAnApiKey(Credential credential, string? role)
    {
        var connection = HubConnection(credential);
        await using (connection)
        {
            if (role is null)
            {
                var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
                Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
                return;
            }
            await connection.StartAsync();
            Assert.Equal(HubConnectionState.Connected, connection.State);
        }
    }

    public static TheoryData<Credential, string> HubMethodCases()
    {
        var data = new TheoryData<Credential, string>();
        foreach (var credential in new[] { Credential.AgentKey, Credential.OpsKey, Credential.AdminKey })
        {
            foreach (var method in HubMethods.Keys) data.Add(credential, method);
        }
        return data;
    }

    /// <summary>Each hub method's roles; unsubscribing is open to every connection (it can only remove its own subscriptions).</summary>
    private static readonly Dictionary<string, (string[] Roles, object[] Arguments, Func<string> Key)> HubMethods = new()
    {
        [nameof(ProfilesHub.SubscribeCustomer)] = (["agent", "admin"], ["matrix-watched"], () => Subscriptions.CustomerKey("matrix-watched")),
        [nameof(ProfilesHub.UnsubscribeCustomer)] = (["agent", "ops", "admin"], ["matrix-watched"], () => Subscriptions.CustomerKey("matrix-watched")),
        [nameof(ProfilesHub.SubscribeClass)] = (["ops", "admin"], ["lifecycle", "churned"], () => Subscriptions.ClassKey("lifecycle", "churned")),
        [nameof(ProfilesHub.UnsubscribeClass)] = (["agent", "ops", "admin"], ["lifecycle", "churned"], () => Subscriptions.ClassKey("lifecycle", "churned")),
        [nameof(ProfilesHub.SubscribeAll)] = (["ops", "admin"], [], () => Subscriptions.EverythingKey),
        [nameof(ProfilesHub.UnsubscribeAll)] = (["agent", "ops", "admin"], [], () => Subscriptions.EverythingKey),
    };

    [Theory]
    [MemberData(nameof(HubMethodCases))]
    public async Task EachHubMethodIsAllowedExactlyForItsRoles(Credential credential, string method)
    {
        var role = credential switch { Credential.AgentKey => "agent", Credential.OpsKey => "ops", _ => "admin" };
        var (roles, arguments, key) = HubMethods[method];
        var subscriptions = _app.Services.GetRequiredService<Subscriptions>();
        await using var connection = HubConnection(credential);
        await connection.StartAsync();

        if (roles.Contains(role))
        {
            await connection.InvokeCoreAsync(method, arguments);
            var subscribed = Subscribers(subscriptions, key()).Contains(connection.ConnectionId!);
            Assert.Equal(method.StartsWith("Subscribe", StringComparison.Ordinal), subscribed);
        }
        else
        {
            var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeCoreAsync(method, arguments));
            Assert.Contains("Forbidden", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(connection.ConnectionId!, Subscribers(subscriptions, key()));
        }
        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    private static HashSet<string> Subscribers(Subscriptions subscriptions, string key)
    {
        var connections = new HashSet<string>(StringComparer.Ordinal);
        subscriptions.CollectSubscribers([key], connections);
        return connections;
    }

    /// <summary>The intended refusal, or null when the credential must succeed.</summary>
    private static HttpStatusCode? Expected(Access access, Credential credential, bool hub)
    {
        if (access == Access.Anyone) return null;
        if (access == Access.WriteKey) return credential == Credential.WriteKeyInBasic ? null : HttpStatusCode.Unauthorized;
        var role = credential switch
        {
            Credential.AgentKey => "agent",
            Credential.OpsKey => "ops",
            Credential.AdminKey => "admin",
            // Browsers' WebSockets cannot send headers: the key may come in the query string, on the hub only.
            Credential.AdminKeyInQueryString when hub => "admin",
            _ => null,
        };
        if (role is null) return HttpStatusCode.Unauthorized;
        var allowed = access switch
        {
            Access.AnyRole => true,
            Access.AgentOrAdmin => role is "agent" or "admin",
            Access.OpsOrAdmin => role is "ops" or "admin",
            _ => role == "admin",
        };
        return allowed ? null : HttpStatusCode.Forbidden;
    }

    private static HttpRequestMessage Request(Row row, Credential credential, string silo)
    {
        var sample = row.SamplePath.Replace("{silo}", Uri.EscapeDataString(silo), StringComparison.Ordinal);
        var path = credential == Credential.AdminKeyInQueryString
            ? sample + (sample.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "access_token=" + TestKeys.Admin
            : sample;
        var method = new HttpMethod(row.Send);
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = credential switch
        {
            Credential.WriteKeyInBasic => Basic(TestKeys.Write),
            Credential.AgentKey => new AuthenticationHeaderValue("Bearer", TestKeys.Agent),
            Credential.OpsKey => new AuthenticationHeaderValue("Bearer", TestKeys.Ops),
            Credential.AdminKey => new AuthenticationHeaderValue("Bearer", TestKeys.Admin),
            Credential.UnknownBearerKey => new AuthenticationHeaderValue("Bearer", "not-a-known-key"),
            Credential.UnknownBasicKey => Basic("not-a-known-key"),
            Credential.AdminKeyInBasic => Basic(TestKeys.Admin),
            Credential.WriteKeyAsBearer => new AuthenticationHeaderValue("Bearer", TestKeys.Write),
            Credential.MalformedBasic => new AuthenticationHeaderValue("Basic", "!!not-base64!!"),
            _ => null,
        };
        if (method == HttpMethod.Post && row.Route.StartsWith("/v1/", StringComparison.Ordinal))
        {
            var call = row.Route == "/v1/alias"
                ? new JsonObject { ["userId"] = "matrix-writer", ["previousId"] = $"matrix-prev-{Guid.NewGuid():N}" }
                : Segment.Track("matrix-writer", "Matrix Checked");
            if (row.Route == "/v1/group") call["groupId"] = "g-1";
            var body = row.Route == "/v1/batch" ? Segment.Batch(call) : call;
            request.Content = JsonContent.Create(body);
        }
        if (method == HttpMethod.Put && row.Route.StartsWith("/api/segments/", StringComparison.Ordinal))
            request.Content = JsonContent.Create(new JsonObject { ["condition"] = "frequency >= 1" });
        return request;
    }

    private HubConnection HubConnection(Credential credential) => new HubConnectionBuilder()
        .WithUrl(new Uri(_app.BaseAddress, ProfilesHub.Path), (HttpConnectionOptions o) =>
        {
            switch (credential)
            {
                case Credential.AgentKey: o.AccessTokenProvider = () => Task.FromResult<string?>(TestKeys.Agent); break;
                case Credential.OpsKey: o.AccessTokenProvider = () => Task.FromResult<string?>(TestKeys.Ops); break;
                case Credential.AdminKey: o.AccessTokenProvider = () => Task.FromResult<string?>(TestKeys.Admin); break;
                case Credential.WriteKeyAsBearer: o.AccessTokenProvider = () => Task.FromResult<string?>(TestKeys.Write); break;
                case Credential.UnknownBearerKey: o.AccessTokenProvider = () => Task.FromResult<string?>("not-a-known-key"); break;
                case Credential.WriteKeyInBasic: o.Headers["Authorization"] = Basic(TestKeys.Write).ToString(); break;
                case Credential.AdminKeyInBasic: o.Headers["Authorization"] = Basic(TestKeys.Admin).ToString(); break;
            }
        })
        .Build();

    private static AuthenticationHeaderValue Basic(string user) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":")));

    private async Task EnsureKnownCustomerAsync()
    {
        var response = await _app.WriteClient().PostBatchAsync(Segment.Page(Known, "Home"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
