using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Profiles.Cluster.Tests.Infrastructure;

namespace Profiles.Cluster.Tests;

/// <summary>
/// An erasure reaches the identity cache of a silo that the erasure's push never reached: every silo follows the
/// erasure log, so an anonymous id cached as linked to the erased customer is not routed to it again.
/// </summary>
public sealed class ErasureCacheTests(ITestOutputHelper output)
{
    private const string AdminKey = "admin_cluster_tests";

    [Fact]
    public async Task ASiloThatMissedAnErasuresPushStopsRoutingTheErasedCustomersAnonymousIds()
    {
        await using var cluster = await SiloCluster.StartAsync(1, new Dictionary<string, string>
        {
            ["Profiles:Auth:ApiKeys:1:Key"] = AdminKey,
            ["Profiles:Auth:ApiKeys:1:Role"] = "admin",
            // The pushing silo reads the list of silos to push to once, before the second silo exists: its pushes
            // (the erasure's included) never reach the second silo, as when a push is lost.
            ["Profiles:Realtime:ObserverRefreshInterval"] = "1.00:00:00",
        });
        var pusher = cluster.Silos[0];
        var run = Guid.NewGuid().ToString("N")[..8];
        var customer = $"ada-{run}";
        var visitor = $"visitor-{run}";

        // A change made on the first silo makes it read the silo list now, while it is the only silo.
        Assert.Equal(HttpStatusCode.OK, await cluster.SendAsync(pusher, new JsonObject { ["type"] = "track", ["userId"] = $"warm-{run}", ["event"] = "Product Viewed" }));
        var missed = await cluster.AddSiloAsync();

        // On the second silo: the visitor signs in as the customer; the silo caches the visitor's link.
        Assert.Equal(HttpStatusCode.OK, await cluster.SendAsync(missed, new JsonObject { ["type"] = "identify", ["userId"] = customer, ["anonymousId"] = visitor }));
        Assert.Equal(HttpStatusCode.OK, await cluster.SendAsync(missed, new JsonObject { ["type"] = "track", ["anonymousId"] = visitor, ["event"] = "Product Viewed" }));
        Assert.Equal(2, (await ReadAsync(cluster, missed, customer))?["eventsApplied"]?.GetValue<int>());

        using (var erase = Request(HttpMethod.Delete, pusher, $"/api/customers/{customer}", AdminKey))
        using (var erased = await cluster.Http.SendAsync(erase))
            Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);

        // The second silo reads the erasure from the log within its interval (the push went only to the first).
        var clock = Stopwatch.StartNew();
        while (await ErasuresAppliedAsync(cluster, missed) < 1)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "The second silo did not apply the erasure from the erasure log within 30 s.");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
        output.WriteLine($"The silo that missed the push applied the erasure {clock.Elapsed.TotalSeconds:0.0} s after it was answered.");

        // The visitor's next event is the visitor's own, not the erased customer's come back.
        Assert.Equal(HttpStatusCode.OK, await cluster.SendAsync(missed, new JsonObject { ["type"] = "track", ["anonymousId"] = visitor, ["event"] = "Product Viewed" }));
        Assert.Null(await ReadAsync(cluster, pusher, customer));
        Assert.Null(await ReadAsync(cluster, missed, customer));
        var own = await ReadAsync(cluster, missed, visitor);
        Assert.NotNull(own);
        Assert.Equal(1, own["eventsApplied"]?.GetValue<int>());
    }

    private static async Task<JsonNode?> ReadAsync(SiloCluster cluster, SiloProcess silo, string customerId)
    {
        using var request = Request(HttpMethod.Get, silo, $"/api/customers/{customerId}", SiloCluster.AgentKey);
        using var response = await cluster.Http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The silo's <c>profiles_identity_erasures_applied_total</c> from <c>/metrics</c>, 0 before the first.</summary>
    private static async Task<double> ErasuresAppliedAsync(SiloCluster cluster, SiloProcess silo)
    {
        using var request = Request(HttpMethod.Get, silo, "/metrics", AdminKey);
        using var response = await cluster.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = (await response.Content.ReadAsStringAsync()).Split('\n')
            .FirstOrDefault(l => l.StartsWith("profiles_identity_erasures_applied_total", StringComparison.Ordinal));
        // "name{labels} value [timestamp]"
        return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    private static HttpRequestMessage Request(HttpMethod method, SiloProcess silo, string path, string key)
    {
        var request = new HttpRequestMessage(method, new Uri(silo.BaseAddress, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }
}
