using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Profiles.Benchmarks;

/// <summary>
/// Segment batches through the real host's <c>/v1/batch</c>: many requests in flight, customers drawn with Zipf skew, so
/// that events for one customer arrive together and its grain stores them in one write (group commit).
/// </summary>
internal static class HostIngestBenchmark
{
    public static async Task<HostIngestResult> RunAsync(BenchmarkHost host, StorageWriteCounter counter, HostIngestSettings settings)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(BenchmarkHost.WriteKey + ":")));

        var random = new Random(42);
        var zipf = new ZipfSampler(settings.Customers, settings.Skew);
        var warmUp = Bodies("warm", 50, settings.EventsPerRequest, () => random.Next(settings.Customers));
        var touched = new HashSet<int>();
        var bodies = Bodies("run", settings.Events / settings.EventsPerRequest, settings.EventsPerRequest, () =>
        {
            var customer = zipf.Next(random);
            touched.Add(customer);
            return customer;
        });

        await SendAllAsync(http, warmUp, settings.Concurrency);
        var writesBefore = counter.Writes;
        var clock = Stopwatch.StartNew();
        await SendAllAsync(http, bodies, settings.Concurrency);
        var elapsed = clock.Elapsed;
        return new HostIngestResult(bodies.Count * (long)settings.EventsPerRequest, bodies.Count, counter.Writes - writesBefore, elapsed, touched.Count);
    }

    private static List<string> Bodies(string run, int requests, int eventsPerRequest, Func<int> nextCustomer)
    {
        var now = DateTimeOffset.UtcNow;
        var bodies = new List<string>(requests);
        for (var r = 0; r < requests; r++)
        {
            var batch = new JsonArray();
            for (var e = 0; e < eventsPerRequest; e++)
            {
                var id = $"{run}-{r}-{e}";
                batch.Add(new JsonObject
                {
                    ["type"] = "track",
                    ["userId"] = $"bench-customer-{nextCustomer().ToString(CultureInfo.InvariantCulture)}",
                    ["messageId"] = id,
                    ["timestamp"] = now.AddSeconds(-r).ToString("O", CultureInfo.InvariantCulture),
                    ["event"] = "Order Completed",
                    ["properties"] = new JsonObject { ["order_id"] = $"order-{id}", ["revenue"] = 10 + (e % 90) },
                });
            }

            bodies.Add(new JsonObject { ["batch"] = batch }.ToJsonString());
        }

        return bodies;
    }

    private static async Task SendAllAsync(HttpClient http, IReadOnlyList<string> bodies, int concurrency)
    {
        await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (body, ct) =>
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri("/v1/batch", UriKind.Relative), content, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"/v1/batch answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            }
        });
    }
}
