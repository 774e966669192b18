using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Reliability;

/// <summary>
/// Thousands of generated hostile requests at every endpoint of a host on Azure Table storage: each answer is a 4xx
/// with a problem body that says what is wrong, or a 200 that lists each rejected event, never a 5xx or a dropped
/// connection; events the rules reject change no profile, valid events in the same batches are kept exactly, and the
/// service stays ready. Set PROFILES_FUZZ_SEED (and PROFILES_FUZZ_REQUESTS) to replay or widen a run.
/// </summary>
public sealed class HostileInputTests(AzureTableAppFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<AzureTableAppFixture>
{
    private const int DefaultSeed = 20261123;
    private const int DefaultRequests = 3000;
    private const int Parallelism = 6;

    private readonly ProfilesApp _app = fixture.App;

    [Fact]
    public async Task HostileRequestsAreRefusedOneByOneAndChangeNoProfileTheyDoNotValidlyReach()
    {
        var seed = Setting("PROFILES_FUZZ_SEED", DefaultSeed);
        var requests = Setting("PROFILES_FUZZ_REQUESTS", DefaultRequests);
        using var http = new HttpClient { BaseAddress = _app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var agent = new AuthenticationHeaderValue("Bearer", TestKeys.Agent);
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(TestKeys.Write + ":")));

        string[] guarded = [.. Enumerable.Range(0, 8).Select(i => $"fz{seed}-guarded-{i}")];
        string[] open = [.. Enumerable.Range(0, 8).Select(i => $"fz{seed}-open-{i}")];
        string[] controls = [.. Enumerable.Range(0, 10).Select(i => $"fz{seed}-control-{i}")];
        await SeedHistoryAsync(http, basic, [.. guarded, .. open]);
        var before = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var customer in guarded.Concat(open)) before[customer] = await ProfileAsync(http, agent, customer) ?? throw new InvalidOperationException($"{customer} was not seeded.");

        // Every route but the ingest paths and the hub (their own generators) and the Orleans dashboard (third-party, admin only).
        var routes = AppEndpoints.Of(_app)
            .Where(r => !r.Route.StartsWith("/v1/", StringComparison.Ordinal) && !r.Route.StartsWith("/hubs/", StringComparison.Ordinal) &&
                        !r.Route.StartsWith("/orleans", StringComparison.Ordinal))
            .Select(r => r.Method == "*" ? ("GET", r.Route) : r)
            .ToList();
        var traffic = new HostileTraffic(seed, guarded, open, controls, routes);
        var fresh = new List<string>();
        var generated = Enumerable.Range(0, requests).Select(_ => traffic.Next()).ToList();
        for (var i = 0; i < 50; i++) fresh.Add(traffic.FreshId());

        var failures = new ConcurrentQueue<string>();
        var touched = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var kept = new ConcurrentDictionary<string, (int Orders, decimal Revenue)>(StringComparer.Ordinal);
        var statuses = new ConcurrentDictionary<int, int>();
        await Parallel.ForEachAsync(generated, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (request, _) =>
        {
            var status = await SendAndCheckAsync(http, basic, request, failures, touched, kept);
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        });
        output.WriteLine($"Seed {seed}: {requests} requests; answers {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; " +
            $"{kept.Values.Sum(k => k.Orders)} control orders kept, {touched.Count} customers named by kept events");
        Assert.True(failures.IsEmpty,
            $"Seed {seed}: {failures.Count} answers broke the rules; the first ones:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(25))}");

        // The service is still ready and a valid event is still kept and read back.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        var after = $"fz{seed}-after";
        using (var valid = Post(basic, "/v1/batch", JsonSerializer.SerializeToUtf8Bytes(Segment.Batch(Segment.Order(after, "o-after", 12m)))))
        {
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(valid)).StatusCode);
        }
        Assert.Equal(1, (int)(await ProfileAsync(http, agent, after))!["orders"]!["lifetime"]!);

        // Rejected-only traffic changed nothing: known customers read as before (but for asOf), fresh ones stay unknown.
        var untouchedKnown = guarded.Concat(open).Where(c => !touched.ContainsKey(c)).ToList();
        Assert.Equal(guarded.Length, untouchedKnown.Count(c => guarded.Contains(c)));
        foreach (var customer in untouchedKnown)
        {
            var now = await ProfileAsync(http, agent, customer);
            Assert.True(JsonNode.DeepEquals(WithoutAsOf(before[customer]), WithoutAsOf(now!)),
                $"Seed {seed}: {customer} received only rejected events but changed:{Environment.NewLine}before {WithoutAsOf(before[customer]).ToJsonString()}{Environment.NewLine}after  {WithoutAsOf(now!).ToJsonString()}");
        }
        foreach (var customer in fresh.Where(c => !touched.ContainsKey(c)))
        {
            Assert.Null(await ProfileAsync(http, agent, customer));
        }

        // Valid control orders in the same batches are kept exactly once each.
        Assert.NotEmpty(kept);
        foreach (var (customer, (orders, revenue)) in kept)
        {
            var profile = (await ProfileAsync(http, agent, customer))!;
            Assert.Equal(orders, (int)profile["orders"]!["lifetime"]!);
            Assert.Equal(revenue, (decimal)profile["orders"]!["lifetimeRevenue"]!);
            Assert.Equal(orders, (long)profile["eventsApplied"]!);
        }

        // Every customer or identity some kept event named can be read back, hostile ids included.
        var unreadable = new List<string>();
        foreach (var customer in touched.Keys.Where(c => c is not ("." or "..")))
        {
            if (await ProfileAsync(http, agent, customer) is null) unreadable.Add($"{Escape(customer)}, named by{Environment.NewLine}  {Clip(touched[customer], 3000)}");
        }
        Assert.True(unreadable.Count == 0, $"Seed {seed}: kept events named customers that cannot be read: {string.Join(Environment.NewLine, unreadable.Take(5))}");
        Assert.True(statuses.ContainsKey(200) && statuses.ContainsKey(400) && statuses.ContainsKey(413) && statuses.ContainsKey(401),
            $"Seed {seed}: the run did not reach every kind of answer: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
    }

    private static async Task<int> SendAndCheckAsync(HttpClient http, AuthenticationHeaderValue basic, FuzzRequest request,
        ConcurrentQueue<string> failures, ConcurrentDictionary<string, string> touched, ConcurrentDictionary<string, (int, decimal)> kept)
    {
        using var message = new HttpRequestMessage(request.Method, request.Path);
        message.Headers.Authorization = request.OwnCredentials ? request.Authorization
            : request.Path.StartsWith("/v1/", StringComparison.Ordinal) ? basic : null;
        if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = request.ContentType is { } type ? MediaTypeHeaderValue.Parse(type) : null;
            if (request.ContentEncoding is { } encoding) message.Content.Headers.ContentEncoding.Add(encoding);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            failures.Enqueue($"{request}: no answer ({e.GetType().Name}: {e.Message})");
            return 0;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            string Fail(string why) => $"{request}: {status} {why}: {Clip(text)}";
            if (status >= 500) failures.Enqueue(Fail("is a server error") + $"{Environment.NewLine}  sent: {Clip(Encoding.UTF8.GetString(request.Body ?? []), 4000)}");
            else if (text.Length == 0 && RefusedByKestrel(request, status)) return status;
            else if (request.ExpectedStatus is { } expected && status != expected) failures.Enqueue(Fail($"instead of {expected}"));
            else if (status >= 400 && request.ProblemBodyExpected && ProblemIssue(response, text, status) is { } issue) failures.Enqueue(Fail(issue));
            else if (request.IsBatch is { } isBatch && status == 200) CheckKept(request, isBatch, text, failures, touched, kept);
            else if (request.IsBatch is not null && status >= 400) CheckNothingMustHaveBeenKept(request, status, failures);
            return status;
        }
    }

    /// <summary>
    /// The web server's own refusals, before any application code runs (so without a problem body): a request target with
    /// an encoded NUL (400) or longer than its 8 KB request line (414).
    /// </summary>
    private static bool RefusedByKestrel(FuzzRequest request, int status) =>
        (status == 400 && request.Path.Contains("%00", StringComparison.Ordinal)) || (status == 414 && request.Path.Length > 8 * 1024);

    /// <summary>A 200 from an ingest path: the rejections are listed well, must-reject events are among them, controls are not.</summary>
    private static void CheckKept(FuzzRequest request, bool isBatch, string text, ConcurrentQueue<string> failures,
        ConcurrentDictionary<string, string> touched, ConcurrentDictionary<string, (int Orders, decimal Revenue)> kept)
    {
        var answer = JsonNode.Parse(text)!.AsObject();
        var rejected = new HashSet<int>();
        foreach (var rejection in answer["rejected"]!.AsArray())
        {
            var reason = (string?)rejection!["reason"];
            if (string.IsNullOrWhiteSpace(reason) || !rejection.AsObject().ContainsKey("messageId"))
                failures.Enqueue($"{request}: a rejection without a reason or messageId: {rejection.ToJsonString()}");
            rejected.Add((int)rejection["index"]!);
        }
        if (answer["success"]?.GetValue<bool>() != true) failures.Enqueue($"{request}: 200 without success: {Clip(text)}");

        using var sent = JsonDocument.Parse(request.Body);
        var events = isBatch ? [.. sent.RootElement.GetProperty("batch").EnumerateArray()] : new[] { sent.RootElement };
        if ((int)answer["accepted"]! != events.Length - rejected.Count)
            failures.Enqueue($"{request}: accepted {answer["accepted"]} of {events.Length} with {rejected.Count} rejected");
        for (var i = 0; i < events.Length; i++)
        {
            if (rejected.Contains(i)) continue;
            if (request.MustReject.TryGetValue(i, out var mutation)) failures.Enqueue($"{request}: event {i} was kept despite {mutation}");
            foreach (var id in CustomerIdsOf(events[i], isAlias: isBatch ? IsAlias(events[i]) : request.Path == "/v1/alias"))
                touched.AddOrUpdate(id, $"{request}: {events[i].GetRawText()}", (_, before) => $"{before}{Environment.NewLine}  {request}: {events[i].GetRawText()}");
        }
        foreach (var (index, (customer, revenue)) in request.Controls)
        {
            if (rejected.Contains(index)) failures.Enqueue($"{request}: the valid control order at {index} was rejected: {Clip(text)}");
            else kept.AddOrUpdate(customer, (1, revenue), (_, total) => (total.Orders + 1, total.Revenue + revenue));
        }
    }

    private static void CheckNothingMustHaveBeenKept(FuzzRequest request, int status, ConcurrentQueue<string> failures)
    {
        // A whole request refused keeps nothing; only 429 (busy) would be a reason to refuse valid controls besides bad input.
        if (status == 429) failures.Enqueue($"{request}: 429 although the test never sends more than the queue holds");
    }

    /// <summary>
    /// Every id a kept event created or linked a profile under: its user and anonymous id; for an alias its user id and
    /// previous id (an alias links only its previous id, not an anonymous id it also carries).
    /// </summary>
    private static IEnumerable<string> CustomerIdsOf(JsonElement item, bool isAlias)
    {
        foreach (var name in isAlias ? new[] { "userId", "previousId" } : ["userId", "anonymousId"])
        {
            if (!item.TryGetProperty(name, out var value)) continue;
            if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } id && !string.IsNullOrWhiteSpace(id)) yield return id;
            else if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n)) yield return n.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static bool IsAlias(JsonElement item) =>
        item.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String &&
        string.Equals(type.GetString(), "alias", StringComparison.OrdinalIgnoreCase);

    private static string? ProblemIssue(HttpResponseMessage response, string text, int status)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") return $"is not a problem body ({response.Content.Headers.ContentType})";
        JsonObject? problem;
        try
        {
            problem = JsonNode.Parse(text)?.AsObject();
        }
        catch (JsonException)
        {
            return "has a problem body that is not JSON";
        }
        if ((int?)problem?["status"] != status) return "has a problem body with another status";
        return string.IsNullOrWhiteSpace((string?)problem?["detail"]) ? "has a problem body without a detail" : null;
    }

    private static async Task SeedHistoryAsync(HttpClient http, AuthenticationHeaderValue basic, string[] customers)
    {
        var calls = customers.SelectMany(c => new[]
        {
            Segment.Identify(c, new JsonObject { ["email"] = $"{c}@example.com", ["address"] = new JsonObject { ["country"] = "DE" } }),
            Segment.Order(c, $"{c}-o-1", 80m, at: DateTimeOffset.UtcNow.AddDays(-40)),
            Segment.Order(c, $"{c}-o-2", 140m, at: DateTimeOffset.UtcNow.AddDays(-3)),
            Segment.Survey(c, csat: 2, nps: 6),
            Segment.Page(c, "Pricing"),
        }).ToArray();
        using var request = Post(basic, "/v1/batch", JsonSerializer.SerializeToUtf8Bytes(Segment.Batch(calls)));
        var response = await http.SendAsync(request);
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(calls.Length, (int)answer!["accepted"]!);
    }

    private static async Task<JsonObject?> ProfileAsync(HttpClient http, AuthenticationHeaderValue agent, string customer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/customers/{Uri.EscapeDataString(customer)}");
        request.Headers.Authorization = agent;
        using var response = await http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {Escape(customer)}: {(int)response.StatusCode} {Clip(await response.Content.ReadAsStringAsync())}");
        return await response.Content.ReadFromJsonAsync<JsonObject>();
    }

    private static HttpRequestMessage Post(AuthenticationHeaderValue basic, string path, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = basic;
        return request;
    }

    private static JsonObject WithoutAsOf(JsonObject profile)
    {
        var copy = profile.DeepClone().AsObject();
        copy.Remove("asOf");
        return copy;
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static string Escape(string id)
    {
        var clipped = id.Length > 60 ? id[..60] + "…" : id;
        return JsonSerializer.Serialize(clipped);
    }

    private static string Clip(string text, int max = 300) => text.Length > max ? text[..max] + "…" : text;
}
