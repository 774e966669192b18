using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using Profiles.Benchmarks.Report;
using Profiles.Domain.Classification;
using Profiles.Domain.Profiles;
using Profiles.Host.Realtime;

namespace Profiles.Benchmarks.EndToEnd;

/// <summary>
/// <c>latency</c>: push latency from the HTTP 200 of an event that changes a class to its arrival at a subscribed SignalR
/// client, while the host (in-memory storage) runs an open-loop background load at half its maximum throughput.
/// </summary>
/// <remarks>
/// Each probe is the first order of a customer that has no profile yet, so its lifecycle class is known to become "new";
/// the client (a real <see cref="HubConnection"/> to <c>/hubs/profiles</c> with an agent key) subscribes to every probe
/// customer before the window and matches the pushed change by its message id. Probes are paced too (50 a second), and
/// both times are taken on this process's monotonic clock.
/// </remarks>
internal static class LatencySection
{
    private const string Section = "latency";
    private const double TargetP99Milliseconds = 50;
    private const int ProbesPerSecond = 50;

    public static async Task<IReadOnlyList<TargetRow>> RunAsync(IReadOnlyDictionary<string, string> options) =>
        await RunAsync(EndToEndSettings.From(options), maxEventsPerSecond: null);

    /// <summary>Runs at half <paramref name="maxEventsPerSecond"/> (or of <c>--rate</c> x 2, or of a maximum measured first).</summary>
    public static async Task<IReadOnlyList<TargetRow>> RunAsync(EndToEndSettings settings, double? maxEventsPerSecond)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var workload = settings.Workload(seed: 11);
        await using var app = new BenchmarkHost(storageConnectionString: null);
        app.Start();
        using var driver = new LoadDriver(app.BaseAddress, BenchmarkHost.WriteKey);

        var background = settings.Rate ?? (maxEventsPerSecond ?? await MeasureMaxAsync(driver, workload, settings)) / 2;
        var requestsPerSecond = background / settings.EventsPerRequest;
        Console.WriteLine($"[latency] background load {background:N0} events/s ({requestsPerSecond:0.0} requests of {settings.EventsPerRequest}/s, open loop), " +
            $"{ProbesPerSecond} probes/s for {settings.Window.TotalSeconds:0} s");

        var probeCount = (int)(ProbesPerSecond * settings.Window.TotalSeconds);
        var run = Guid.NewGuid().ToString("N")[..8];
        var probes = Enumerable.Range(0, probeCount).Select(i => new Probe($"probe-{run}-{i}", $"probe-{run}-{i}-m")).ToArray();
        var byMessage = probes.ToDictionary(p => p.MessageId, StringComparer.Ordinal);

        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, ProfilesHub.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(BenchmarkHost.AgentKey))
            .Build();
        hub.On<ClassChange>(nameof(IProfilesClient.ProfileChanged), change =>
        {
            if (change.Dimension == Dimensions.Lifecycle && change.MessageId is { } id && byMessage.TryGetValue(id, out var probe)) probe.Arrived();
        });
        await hub.StartAsync();
        foreach (var probe in probes) await hub.InvokeAsync(nameof(ProfilesHub.SubscribeCustomer), probe.CustomerId);

        using var serverSide = new ServerPushLatency();
        using var stop = new CancellationTokenSource();
        var paced = driver.PaceAsync(workload, requestsPerSecond, stop.Token);
        await Task.Delay(settings.WarmUp / 2);
        await JitSettling.WaitAsync(paced);
        var eventsBefore = driver.Events;
        var clock = Stopwatch.StartNew();
        await SendProbesAsync(driver, probes);
        var window = clock.Elapsed;
        var backgroundRate = (driver.Events - eventsBefore - probes.Length) / window.TotalSeconds;

        // Every probe was answered 200; give the last pushes a few seconds to arrive, then count the missing ones.
        var deadline = Stopwatch.StartNew();
        while (probes.Any(p => !p.HasArrived) && deadline.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(50);
        await stop.CancelAsync();
        var (sent, late) = await paced;

        var latencies = probes.Where(p => p.HasArrived).Select(p => p.Latency.TotalMilliseconds).Order().ToArray();
        var lost = probes.Length - latencies.Length;
        var early = probes.Count(p => p.HasArrived && p.Latency < TimeSpan.Zero);
        Console.WriteLine($"  {latencies.Length:N0} of {probes.Length:N0} probes pushed ({early} before their 200 was read); background {backgroundRate:N0} events/s, " +
            $"{sent:N0} requests, {late:N0} sent over 100 ms late, {driver.Refused:N0} answered 503/429");
        if (latencies.Length == 0) throw new InvalidOperationException("No probe's change was pushed.");

        double P(double q) => Percentile(latencies, q);
        var server = serverSide.Sorted();
        var load = $"{backgroundRate:N0} events/s background (half of {background * 2:N0}), {latencies.Length:N0} probes";
        return
        [
            new(Section, $"push latency p50, HTTP 200 → SignalR client ({load})", $"{P(0.50):0.0} ms"),
            new(Section, "push latency p99", $"{P(0.99):0.0} ms", $"≤ {TargetP99Milliseconds:0} ms", P(0.99) <= TargetP99Milliseconds),
            new(Section, $"push latency p99.9 (of {latencies.Length:N0} probes: close to the maximum)", $"{P(0.999):0.0} ms"),
            new(Section, "probes whose change never arrived", $"{lost:N0}", "0", lost == 0),
            new(Section, $"of which in the host: change made → handed to SignalR, p50 / p99 ({server.Length:N0} pushes)",
                server.Length == 0 ? "n/a" : $"{Percentile(server, 0.50):0.0} / {Percentile(server, 0.99):0.0} ms"),
        ];
    }

    private static double Percentile(double[] sorted, double q) =>
        Math.Max(0, sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1))]);

    private static async Task<double> MeasureMaxAsync(LoadDriver driver, SegmentWorkload workload, EndToEndSettings settings)
    {
        var max = await driver.SaturateAsync(workload, settings.Concurrency, settings.WarmUp / 2, settings.Window / 2, () => 0);
        Console.WriteLine($"[latency] maximum measured first on this host: {max.EventsPerSecond:N0} events/s");
        return max.EventsPerSecond;
    }

    private static async Task SendProbesAsync(LoadDriver driver, Probe[] probes)
    {
        var clock = Stopwatch.StartNew();
        var sends = new List<Task>(probes.Length);
        for (var i = 0; i < probes.Length; i++)
        {
            var wait = TimeSpan.FromSeconds((double)i / ProbesPerSecond) - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            var probe = probes[i];
            sends.Add(Task.Run(async () =>
            {
                if (await driver.PostAsync(SegmentWorkload.FirstOrder(probe.CustomerId, probe.MessageId), events: 1)) probe.Answered();
            }));
        }
        await Task.WhenAll(sends);
    }

    /// <summary>One probe: a first order and the times its 200 and its pushed change reached the client.</summary>
    private sealed class Probe(string customerId, string messageId)
    {
        private long _answered;
        private long _arrived;

        public string CustomerId { get; } = customerId;

        public string MessageId { get; } = messageId;

        public bool HasArrived => Interlocked.Read(ref _arrived) != 0 && Interlocked.Read(ref _answered) != 0;

        public TimeSpan Latency => Stopwatch.GetElapsedTime(Interlocked.Read(ref _answered), Interlocked.Read(ref _arrived));

        public void Answered() => Interlocked.Exchange(ref _answered, Stopwatch.GetTimestamp());

        public void Arrived() => Interlocked.CompareExchange(ref _arrived, Stopwatch.GetTimestamp(), 0);
    }
}
