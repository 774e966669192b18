using Profiles.Benchmarks.Report;
using Profiles.Testing.Azurite;
using Profiles.Testing.Ports;

namespace Profiles.Benchmarks.EndToEnd;

/// <summary>
/// <c>throughput</c>: sustained events/s end to end over HTTP — the real host on in-memory storage, the no-Orleans
/// <see cref="BaselineApp"/>, and the real host on Azure Table storage (Azurite) with its storage writes — each alone in
/// this process, saturated by the same pre-generated Segment batches (<see cref="SegmentWorkload"/>).
/// </summary>
internal static class ThroughputSection
{
    private const string Section = "throughput";
    private const double TargetEventsPerSecond = 50_000;
    private const double TargetCpuRatio = 0.50;
    private const double TargetAzuriteCpuRatio = 1.5;
    private const double TargetAzuriteOfRaw = 0.80;
    private const int RawPayloadBytes = 2048;

    public static async Task<IReadOnlyList<TargetRow>> RunAsync(IReadOnlyDictionary<string, string> options) =>
        (await MeasureAsync(EndToEndSettings.From(options))).Rows;

    /// <summary>The rows, and the in-memory host's events/s (the latency section loads the host at half of it).</summary>
    public static async Task<(IReadOnlyList<TargetRow> Rows, double HostEventsPerSecond)> MeasureAsync(EndToEndSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var workload = settings.Workload(seed: 7);
        var load = $"{settings.Customers:N0} customers, Zipf s={settings.Skew}, {settings.EventsPerRequest} events a request, {settings.Concurrency} in flight";
        Console.WriteLine($"[throughput] {load}; {settings.WarmUp.TotalSeconds:0} s warm-up, {settings.Window.TotalSeconds:0} s window each; " +
            $"{workload.CustomersPerRequest:0.0} distinct customers in a request on average");

        SteadyWindow host, baseline, bare, durable;
        (long Upserts, TimeSpan Elapsed) raw = (0, TimeSpan.FromSeconds(1));
        var skipped = new SteadyWindow(0, 0, TimeSpan.FromSeconds(1), TimeSpan.Zero, 0, 0);
        if (!settings.Runs("host")) host = skipped;
        else await using (var app = new BenchmarkHost(storageConnectionString: null))
        {
            app.Start();
            host = await SaturateAsync(app.BaseAddress, workload, settings, () => 0);
        }
        Report("host, in-memory storage", host);

        if (!settings.Runs("baseline")) baseline = skipped;
        else await using (var app = new BaselineApp(TestPorts.Reserve()))
        {
            await app.StartAsync();
            baseline = await SaturateAsync(app.BaseAddress, workload, settings, () => 0);
        }
        Report("baseline, no Orleans", baseline);

        if (!settings.Runs("bare")) bare = skipped;
        else await using (var app = new BaselineApp(TestPorts.Reserve(), fold: false))
        {
            await app.StartAsync();
            bare = await SaturateAsync(app.BaseAddress, workload, settings, () => 0);
        }
        Report("bare: parsed and counted, no fold", bare);

        if (!settings.Runs("azurite")) durable = skipped;
        else await using (var azurite = await AzuriteInstance.StartAsync())
        {
            // Azurite's own ceiling in the same run, at the same concurrency: single-entity upserts of a profile's size.
            raw = await RawUpsertBenchmark.RunAsync(azurite.ConnectionString, upserts: 4_000, settings.AzuriteConcurrency, RawPayloadBytes);
            Console.WriteLine($"  Azurite raw single-entity upserts: {raw.Upserts / raw.Elapsed.TotalSeconds:N0}/s");
            using var counter = new StorageWriteCounter();
            await using var app = new BenchmarkHost(azurite.ConnectionString);
            app.Start();
            // Fewer requests in flight: Azurite on shared cores stores a few hundred rows a second, and 64 requests of
            // ~60 customers each would queue writes beyond the storage client's timeout.
            durable = await SaturateAsync(app.BaseAddress, workload, settings with { Concurrency = settings.AzuriteConcurrency }, () => counter.Writes);
        }
        Report("host, Azure Table storage (Azurite)", durable);

        var cores = Environment.ProcessorCount;
        // Other processes share the cores: CPU time per event is what they do not inflate (much), so targets compare it.
        var cpuRatio = baseline.CpuMillisecondsPerThousand / host.CpuMillisecondsPerThousand;
        var bareRatio = bare.CpuMillisecondsPerThousand / host.CpuMillisecondsPerThousand;
        var azuriteCpu = durable.CpuMillisecondsPerThousand / host.CpuMillisecondsPerThousand;
        var rawPerSecond = raw.Upserts / raw.Elapsed.TotalSeconds;
        var ofRaw = durable.EventsPerSecond / rawPerSecond;
        TargetRow[] rows =
        [
            new(Section, $"host, in-memory storage ({load})", $"{host.EventsPerSecond:N0} events/s", $"≥ {TargetEventsPerSecond:N0} events/s", host.EventsPerSecond >= TargetEventsPerSecond),
            new(Section, "baseline: same auth, parsing and fold into a ConcurrentDictionary, no Orleans", $"{baseline.EventsPerSecond:N0} events/s"),
            new(Section, "bare: the same requests parsed and counted, no fold", $"{bare.EventsPerSecond:N0} events/s"),
            new(Section, "CPU per 1,000 events, host / baseline / bare (whole process, client included)",
                $"{host.CpuMillisecondsPerThousand:N0} / {baseline.CpuMillisecondsPerThousand:N0} / {bare.CpuMillisecondsPerThousand:N0} ms"),
            new(Section, $"host / baseline by CPU per event (events/s if the {cores} cores were ours: {host.CpuBoundEventsPerSecond(cores):N0} / {baseline.CpuBoundEventsPerSecond(cores):N0})",
                $"{cpuRatio:P0}", $"≥ {TargetCpuRatio:P0}", cpuRatio >= TargetCpuRatio),
            new(Section, $"host / bare by CPU per event (bare: {bare.CpuBoundEventsPerSecond(cores):N0} events/s on idle cores)", $"{bareRatio:P0}"),
            new(Section, "host / baseline, events/s", $"{host.EventsPerSecond / baseline.EventsPerSecond:P0}"),
            new(Section, "allocated per event, host / baseline / bare", $"{host.AllocatedBytesPerEvent / 1024:N1} / {baseline.AllocatedBytesPerEvent / 1024:N1} / {bare.AllocatedBytesPerEvent / 1024:N1} KiB"),
            new(Section, $"host, Azure Table storage (Azurite, same process; {settings.AzuriteConcurrency} in flight; {durable.Refused:N0} requests answered 503/429 and retried)", $"{durable.EventsPerSecond:N0} events/s"),
            new(Section, $"Azurite's own single-entity upserts ({RawPayloadBytes / 1024} KiB, {settings.AzuriteConcurrency} in flight)", $"{rawPerSecond:N0} upserts/s"),
            new(Section, "host on Azurite, events/s / Azurite's upserts/s", $"{ofRaw:P0}", $"≥ {TargetAzuriteOfRaw:P0}", ofRaw >= TargetAzuriteOfRaw),
            new(Section, $"CPU per event, Azurite / in-memory ({durable.CpuMillisecondsPerThousand:N0} / {host.CpuMillisecondsPerThousand:N0} ms per 1,000)", $"{azuriteCpu:0.00}×", $"≤ {TargetAzuriteCpuRatio:0.0}×", azuriteCpu <= TargetAzuriteCpuRatio),
            new(Section, $"Azurite: storage writes in the {durable.Elapsed.TotalSeconds:0} s window", $"{durable.Writes:N0} ({durable.Writes / durable.Elapsed.TotalSeconds:N0}/s)"),
            new(Section, $"Azurite: events per storage write (group commit under Zipf load; {workload.CustomersPerRequest:0} customers in a request of {settings.EventsPerRequest})", $"{durable.EventsPerWrite:0.00}"),
        ];
        return (rows, host.EventsPerSecond);
    }

    /// <summary>The window of median CPU per event of <see cref="EndToEndSettings.Windows"/> consecutive ones, each printed.</summary>
    private static async Task<SteadyWindow> SaturateAsync(Uri address, SegmentWorkload workload, EndToEndSettings settings, Func<long> writes)
    {
        using var driver = new LoadDriver(address, BenchmarkHost.WriteKey);
        var windows = await driver.SaturateAsync(workload, settings.Concurrency, settings.WarmUp, settings.Window, writes, settings.Windows);
        if (windows.Count > 1)
        {
            foreach (var (window, i) in windows.Select((w, i) => (w, i + 1)))
                Console.WriteLine($"    window {i}: {window.EventsPerSecond:N0} events/s, CPU {window.CpuMillisecondsPerThousand:0.0} ms per 1,000, " +
                    $"{window.AllocatedBytesPerEvent / 1024:0.0} KiB per event, threads held for GC {window.GcPauseShare:P0}");
        }
        return windows.OrderBy(w => w.CpuMillisecondsPerThousand).ElementAt(windows.Count / 2) with { Refused = driver.Refused };
    }

    private static void Report(string what, SteadyWindow window) =>
        Console.WriteLine($"  {what} (median window): {window.Events:N0} events in {window.Elapsed.TotalSeconds:0.0} s = {window.EventsPerSecond:N0} events/s; " +
            $"CPU {window.CpuMillisecondsPerThousand:0.0} ms per 1,000 events (→ {window.CpuBoundEventsPerSecond(Environment.ProcessorCount):N0} events/s on idle cores), " +
            $"{window.AllocatedBytesPerEvent / 1024:0.0} KiB allocated per event, {window.Gen2Collections} gen-2 GCs, " +
            $"threads held for GC {window.GcPauseShare:P0} of the time" +
            (window.Writes > 0 ? $", {window.Writes:N0} writes ({window.EventsPerWrite:0.00} events/write)" : "") +
            (window.Refused > 0 ? $", {window.Refused:N0} requests answered 503/429 and retried" : "") +
            (window.Collections.Length > 0 ? $"\n    GC: {window.Collections}" : ""));
}
