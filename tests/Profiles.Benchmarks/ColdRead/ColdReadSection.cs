using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Profiles.Benchmarks.Memory;
using Profiles.Benchmarks.Report;
using Profiles.Testing.Azurite;

namespace Profiles.Benchmarks.ColdRead;

/// <summary>
/// <c>coldread [--cold-customers 2000] [--events 5]</c>: latency of <c>GET /api/customers/{id}</c> over HTTP (agent key)
/// for a customer that is not active, whose profile must be read from Azure Table storage (Azurite, started here), and
/// for comparison the same read once the customer is active. No target is set; the figures are printed.
/// </summary>
/// <remarks>
/// Customers get a small profile through the silo's grain factory (as in the memory section), are stored, then every
/// activation is collected (<c>ForceActivationCollection(TimeSpan.Zero)</c>, waiting until no customer is active).
/// The reads are made one at a time, so each is one request's latency; a cold read activates the grain, reads its row,
/// reclassifies (a write when a class moved with time) and builds the view.
/// </remarks>
internal static class ColdReadSection
{
    public const string Usage = "[--cold-customers 2000] [--events 5]";

    private const string Section = "cold read";

    public static async Task<IReadOnlyList<TargetRow>> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int Int(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : fallback;
        var customers = Int("--cold-customers", 2_000);
        var events = Int("--events", 5);

        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = new BenchmarkHost(azurite.ConnectionString);
        host.Start();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var management = grains.GetGrain<IManagementGrain>(0);
        var now = DateTimeOffset.UtcNow;

        await MemorySection.LoadAsync(grains, "cold-", customers, events, concurrency: 16, now);
        await MemorySection.CollectAsync(management, MemorySection.ActivationKind.Customer | MemorySection.ActivationKind.Schedule, TimeSpan.Zero);
        var active = (await MemorySection.CountAsync(management)).Customers;
        if (active != 0) throw new InvalidOperationException($"{active} customers are still active before the cold reads.");
        Console.WriteLine($"  cold read: {customers:N0} customers stored on Azurite and deactivated");

        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BenchmarkHost.AgentKey);
        var cold = await ReadAllAsync(http, customers);
        var warm = await ReadAllAsync(http, customers);

        return
        [
            new TargetRow(Section, $"GET /api/customers/{{id}}, customer not active (Azure Table row read), p50 ({customers:N0} reads)", Ms(Percentile(cold, 0.50))),
            new TargetRow(Section, "… p99", Ms(Percentile(cold, 0.99))),
            new TargetRow(Section, "same read, customer active (warm), p50", Ms(Percentile(warm, 0.50))),
            new TargetRow(Section, "… p99", Ms(Percentile(warm, 0.99))),
        ];
    }

    private static async Task<double[]> ReadAllAsync(HttpClient http, int customers)
    {
        var latencies = new double[customers];
        for (var i = 0; i < customers; i++)
        {
            var id = MemorySection.CustomerId("cold-", i);
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync(new Uri($"/api/customers/{Uri.EscapeDataString(id)}", UriKind.Relative));
            var body = await response.Content.ReadAsByteArrayAsync();
            latencies[i] = clock.Elapsed.TotalMilliseconds;
            if (!response.IsSuccessStatusCode || body.Length == 0)
                throw new InvalidOperationException($"GET /api/customers/{id} answered {(int)response.StatusCode}.");
        }

        Array.Sort(latencies);
        return latencies;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string Ms(double ms) => string.Create(CultureInfo.InvariantCulture, $"{ms:0.0} ms");
}
