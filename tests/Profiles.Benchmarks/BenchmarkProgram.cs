using System.Diagnostics;
using System.Globalization;
using Profiles.Benchmarks.EndToEnd;
using Profiles.Benchmarks.Report;
using Profiles.Testing.Azurite;

namespace Profiles.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/Profiles.Benchmarks -- storage [--events N] [--customers N] [--concurrency N]
/// [--upserts N] [--skew S]</c>: starts Azurite and measures its raw upsert rate, then the host's ingest on it.
/// <c>... -- schedule [--customers N]</c>: memory, storage and writes per silent customer in the wake schedule
/// (<see cref="ScheduleProgram"/>). <c>... -- audiences [--members N]</c>: an audience of a million members built and
/// exported (<see cref="Audiences.AudienceSection"/>). <c>... -- refit [--customers N]</c>: the population models' refit
/// (<see cref="Refit.RefitSection"/>).
/// </summary>
internal static class BenchmarkProgram
{
    private const int ProfilePayloadBytes = 2048;

    public static async Task<int> Main(string[] args)
    {
        if (args is ["schedule", .. var scheduleOptions] && scheduleOptions.Length % 2 == 0)
        {
            return await ScheduleProgram.RunAsync(Options(scheduleOptions));
        }

        if (args is [var command, .. var sectionOptions] && command is "all" or "throughput" or "latency" && sectionOptions.Length % 2 == 0)
        {
            return await RunSectionsAsync(command, Options(sectionOptions));
        }

        if (args is ["fold", .. var foldOptions] && foldOptions.Length % 2 == 0) return Print(await Fold.FoldSection.RunAsync(Options(foldOptions)));
        if (args is ["memory", .. var memoryOptions] && memoryOptions.Length % 2 == 0) return Print(await Memory.MemorySection.RunAsync(Options(memoryOptions)));
        if (args is ["history", .. var historyOptions] && historyOptions.Length % 2 == 0) return Print(await History.HistorySection.RunAsync(Options(historyOptions)));
        if (args is ["coldread", .. var coldOptions] && coldOptions.Length % 2 == 0) return Print(await ColdRead.ColdReadSection.RunAsync(Options(coldOptions)));
        if (args is ["audiences", .. var audienceOptions] && audienceOptions.Length % 2 == 0) return Print(await Audiences.AudienceSection.RunAsync(Options(audienceOptions)));
        if (args is ["refit", .. var refitOptions] && refitOptions.Length % 2 == 0) return Print(await Refit.RefitSection.RunAsync(Options(refitOptions)));

        if (args is not ["storage", .. var options] || options.Length % 2 != 0)
        {
            Console.Error.WriteLine("usage: Profiles.Benchmarks storage [--events 40000] [--customers 5000] [--skew 1.1] [--concurrency 32] [--upserts 4000]");
            Console.Error.WriteLine("       Profiles.Benchmarks schedule " + ScheduleProgram.Usage);
            Console.Error.WriteLine("       Profiles.Benchmarks all | throughput | latency " + EndToEndSettings.Usage);
            Console.Error.WriteLine("       Profiles.Benchmarks audiences " + Audiences.AudienceSection.Usage);
            Console.Error.WriteLine("       Profiles.Benchmarks refit " + Refit.RefitSection.Usage);
            return 2;
        }

        var settings = Options(options);
        int Int(string name, int fallback) => settings.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var upserts = Int("--upserts", 4000);
        var concurrency = Int("--concurrency", 32);
        var ingest = new HostIngestSettings(
            Events: Int("--events", 40_000),
            Customers: Int("--customers", 5_000),
            Skew: settings.TryGetValue("--skew", out var s) ? double.Parse(s, CultureInfo.InvariantCulture) : 1.1,
            EventsPerRequest: 20,
            Concurrency: concurrency);

        var total = Stopwatch.StartNew();
        Console.WriteLine($"Starting Azurite (in memory) and measuring on {Environment.ProcessorCount} cores...");
        await using var azurite = await AzuriteInstance.StartAsync();

        var raw = await RawUpsertBenchmark.RunAsync(azurite.ConnectionString, upserts, concurrency, ProfilePayloadBytes);
        Console.WriteLine($"  raw upserts done in {raw.Elapsed.TotalSeconds:0.0} s");

        using var counter = new StorageWriteCounter();
        await using var host = new BenchmarkHost(azurite.ConnectionString);
        host.Start();
        var result = await HostIngestBenchmark.RunAsync(host, counter, ingest);
        Console.WriteLine($"  host ingest done in {result.Elapsed.TotalSeconds:0.0} s");

        Print(raw, result, ingest, upserts, concurrency);
        Console.WriteLine($"Total run time {total.Elapsed.TotalSeconds:0} s.");
        return 0;
    }

    private static int Print(IReadOnlyList<Report.TargetRow> rows)
    {
        Report.TargetTable.Print(rows);
        return 0;
    }

    /// <summary>
    /// <c>all</c> runs every section (fold, throughput, latency, memory) and prints one table of figures and targets;
    /// <c>throughput</c> and <c>latency</c> run one section each.
    /// </summary>
    private static async Task<int> RunSectionsAsync(string command, Dictionary<string, string> options)
    {
        var total = Stopwatch.StartNew();
        Console.WriteLine($"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; load average at start: {LoadAverage()}");
        Console.WriteLine($"Runtime: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, DATAS {AppContext.GetData("System.GC.DynamicAdaptationMode") ?? "default"}, " +
            $"gen-0 budget cap {(AppContext.GetData("System.GC.Gen0MaxBudget") is { } cap ? $"{cap} B" : "default")}, " +
            $"thread-pool spin limit {AppContext.GetData("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit") ?? "default"} (src/Profiles.Host/Runtime.props)");
        var settings = EndToEndSettings.From(options);
        var rows = new List<TargetRow>();
        if (command == "all") rows.AddRange(await Fold.FoldSection.RunAsync(options));
        if (command is "throughput" or "all")
        {
            var (throughput, hostEventsPerSecond) = await ThroughputSection.MeasureAsync(settings);
            rows.AddRange(throughput);
            if (command == "all") rows.AddRange(await LatencySection.RunAsync(settings, hostEventsPerSecond));
        }
        else
        {
            rows.AddRange(await LatencySection.RunAsync(settings, maxEventsPerSecond: null));
        }
        if (command == "all") rows.AddRange(await History.HistorySection.RunAsync(options));
        if (command == "all") rows.AddRange(await Memory.MemorySection.RunAsync(options));
        if (command == "all") rows.AddRange(await Refit.RefitSection.RunAsync(RefitOptions(options)));

        TargetTable.Print(rows);
        Console.WriteLine($"Total run time {total.Elapsed.TotalSeconds:0} s; load average at the end: {LoadAverage()}.");
        return 0;
    }

    /// <summary>The refit's own options from the <c>all</c> command line (its --customers is the refit's population, not the ingest's).</summary>
    private static Dictionary<string, string> RefitOptions(Dictionary<string, string> options) =>
        options.TryGetValue("--refit-customers", out var customers) ? new() { ["--customers"] = customers } : [];

    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(' ', File.ReadAllText(path).Split(' ').Take(3)) : "n/a";
    }

    private static Dictionary<string, string> Options(string[] options) =>
        options.Chunk(2).ToDictionary(o => o[0], o => o[1], StringComparer.Ordinal);

    private static void Print((long Upserts, TimeSpan Elapsed) raw, HostIngestResult result, HostIngestSettings ingest, int upserts, int concurrency)
    {
        var rows = new (string Measure, string Value)[]
        {
            ($"Azurite raw single-entity upserts ({upserts:N0}, {concurrency} in flight, {ProfilePayloadBytes / 1024} KiB)", $"{raw.Upserts / raw.Elapsed.TotalSeconds:N0} upserts/s"),
            ($"Host ingest: events ({result.Events:N0} in {result.Requests:N0} requests of {ingest.EventsPerRequest}, {ingest.Concurrency} in flight)", $"{result.EventsPerSecond:N0} events/s"),
            ($"Host ingest: grain-state writes ({result.Writes:N0})", $"{result.WritesPerSecond:N0} writes/s"),
            ($"Events per write (group commit; Zipf s={ingest.Skew} over {ingest.Customers:N0} customers, {result.CustomersTouched:N0} touched)", $"{result.EventsPerWrite:0.00}"),
            ("Host ingest time", $"{result.Elapsed.TotalSeconds:0.0} s"),
        };
        var width = rows.Max(r => r.Measure.Length);
        var valueWidth = rows.Max(r => r.Value.Length);
        Console.WriteLine();
        Console.WriteLine($"| {"measure".PadRight(width)} | {"figure".PadLeft(valueWidth)} |");
        Console.WriteLine($"|{new string('-', width + 2)}|{new string('-', valueWidth + 1)}:|");
        foreach (var (measure, value) in rows)
        {
            Console.WriteLine($"| {measure.PadRight(width)} | {value.PadLeft(valueWidth)} |");
        }

        Console.WriteLine();
    }
}
