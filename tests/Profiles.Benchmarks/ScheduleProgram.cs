using System.Diagnostics;
using System.Globalization;
using Profiles.Testing.Azurite;

namespace Profiles.Benchmarks;

/// <summary>
/// <c>schedule [--customers 1000000] [--azurite-customers 20000] [--concurrency 256] [--fire-customers 1000]</c>:
/// schedules silent customers in the wake buckets and reports storage, memory and writes per customer.
/// </summary>
/// <remarks>
/// Azurite on 2 cores stores about a thousand rows a second, and nearly every customer is a row of its own, so a
/// million customers cannot all go through it in minutes. The Azurite run therefore takes the customers of every k-th
/// due day (k chosen so that about <c>--azurite-customers</c> remain): their buckets and day indexes fill exactly as in
/// the whole population, so bytes and writes per customer carry over. All <c>--customers</c> then go through the host's
/// in-memory grain storage (same Orleans binary serializer) for throughput and memory at full size.
/// </remarks>
internal static class ScheduleProgram
{
    public const string Usage = "[--customers 1000000] [--azurite-customers 20000] [--concurrency 256] [--fire-customers 1000]";

    public static async Task<int> RunAsync(Dictionary<string, string> settings)
    {
        int Int(string name, int fallback) => settings.TryGetValue(name, out var v) ? int.Parse(v, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : fallback;
        var customers = Int("--customers", 1_000_000);
        var azuriteCustomers = Int("--azurite-customers", 20_000);
        var concurrency = Int("--concurrency", 256);
        var fireCustomers = Int("--fire-customers", 1_000);

        var total = Stopwatch.StartNew();
        var start = DateTimeOffset.UtcNow;
        var population = SchedulePopulation.Create(customers, start, margin: TimeSpan.FromHours(1));
        var everyNthDay = Math.Max(1, (int)Math.Ceiling(customers / (double)Math.Max(1, azuriteCustomers)));
        var subset = everyNthDay == 1 ? [.. Enumerable.Range(0, customers)] : population.EveryNthDay(everyNthDay);
        Console.WriteLine($"{customers:N0} silent customers, due over {population.Buckets.Distinct().Count():N0} buckets; " +
            $"Azurite run: every {everyNthDay}. due day, {subset.Length:N0} customers. {Environment.ProcessorCount} cores.");

        var runs = new List<ScheduleRunResult>();
        await using (var azurite = await AzuriteInstance.StartAsync())
        {
            using var counter = new StorageWriteCounter();
            await using var host = new BenchmarkHost(azurite.ConnectionString);
            host.Start();
            runs.Add(await ScheduleBenchmark.RunAsync(host, azurite.ConnectionString, counter, population, subset, concurrency, fireCustomers, start));
        }

        if (everyNthDay > 1)
        {
            await using var host = new BenchmarkHost(storageConnectionString: null);
            host.Start();
            runs.Add(await ScheduleBenchmark.RunAsync(host, connectionString: null, counter: null, population, [.. Enumerable.Range(0, customers)], concurrency, 0, start));
        }

        ScheduleReport.Print(runs);
        Console.WriteLine($"Total run time {total.Elapsed.TotalSeconds:0} s.");
        return 0;
    }
}
