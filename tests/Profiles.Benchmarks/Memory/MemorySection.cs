using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Profiles.Abstractions.Grains;
using Profiles.Benchmarks.Report;
using Profiles.Benchmarks.Workload;
using Profiles.Domain.Events;

namespace Profiles.Benchmarks.Memory;

/// <summary>
/// <c>memory [--customers 200000] [--events 5] [--concurrency 64]</c>: managed heap and working set per active customer
/// in a real silo (the host in this process, in-memory grain storage). Every customer gets a small profile: a few events
/// of the mixed stream in one <see cref="ICustomerGrain.ApplyAsync"/> call on the silo's grain factory (no HTTP, so no
/// request or identity objects are counted, only what the customer grain keeps). Target: at most 3 KB per active customer.
/// </summary>
/// <remarks>
/// What is measured, in samples of <see cref="MemorySample"/> (full blocking compacting collections):
/// <list type="number">
/// <item>before: the host warmed up, nothing of the run active;</item>
/// <item>loaded: every customer active, and the wake-schedule grains their first events activated;</item>
/// <item>customers only: every customer touched again (an empty apply, which schedules and stores nothing), then the
/// activations idle since before that touch collected — the schedule's, not the customers';</item>
/// <item>none active: every activation collected. The in-memory storage's copy of the states (and anything else that
/// outlives an activation) is still on the heap.</item>
/// </list>
/// Per active customer = (customers only − none active) / customer activations: exactly what deactivating the customers
/// gives back, so the storage's copy, which lives in the same heap, is not counted; it is reported on its own as
/// (none active − before) / customers. Activations are counted with <see cref="IManagementGrain.GetSimpleGrainStatistics"/>.
/// </remarks>
internal static class MemorySection
{
    public const string Usage = "[--customers 200000] [--events 5] [--concurrency 64] [--profiles 20000] [--hold 0]";

    /// <summary>The target: at most 3 KB of managed heap per active customer.</summary>
    public const long TargetBytes = 3000;

    private const string Section = "memory";

    /// <summary>Schedule activations that may stay active through a collection (kept busy by the wake cursor's ticks).</summary>
    private const int ScheduleKeptByCursor = 64;

    public static async Task<IReadOnlyList<TargetRow>> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int Int(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : fallback;
        var customers = Int("--customers", 200_000);
        var eventsPerCustomer = Int("--events", 5);
        // 64 in flight: 256 on two shared cores ran customers past the 30 s response timeout while they waited on their wake entries.
        var concurrency = Int("--concurrency", 64);
        var now = DateTimeOffset.UtcNow;

        // The profile's own part first, before the host exists: its breakdown says what is the profile and what is not.
        var footprint = ProfileFootprint.Measure(Int("--profiles", 20_000), eventsPerCustomer, now);
        Console.WriteLine("  memory: profile alone: " + string.Join("; ", footprint.Select(p => $"{p.Part} {Bytes(p.Bytes)}")));

        var total = Stopwatch.StartNew();
        await using var host = new BenchmarkHost(storageConnectionString: null);
        host.Start();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var management = grains.GetGrain<IManagementGrain>(0);

        // Warm-up outside the measured range: JIT, the first activations of every kind, the storage's first entries.
        await LoadAsync(grains, "warm-", 2_000, eventsPerCustomer, concurrency, now);
        await CollectAsync(management, ActivationKind.Customer | ActivationKind.Schedule, TimeSpan.Zero);
        var before = MemorySample.Take();

        var clock = Stopwatch.StartNew();
        await LoadAsync(grains, "customer-", customers, eventsPerCustomer, concurrency, now);
        var loadedAt = clock.Elapsed;
        Console.WriteLine($"  memory: {customers:N0} customers with {eventsPerCustomer} events each applied in {loadedAt.TotalSeconds:0.0} s");
        var loadedCounts = await CountAsync(management);
        var loaded = MemorySample.Take();

        // Touch every customer so that only the schedule's activations are idle since before the touch, then collect those.
        var touchedFrom = clock.Elapsed;
        await Parallel.ForAsync(0, customers, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
            await grains.GetGrain<ICustomerGrain>(CustomerId("customer-", i)).ApplyAsync([]));
        var idleSince = (loadedAt + touchedFrom) / 2;
        await CollectAsync(management, ActivationKind.Schedule, clock.Elapsed - idleSince);
        var customerCounts = await CountAsync(management);
        var customersOnly = MemorySample.Take();
        if (Int("--hold", 0) is > 0 and var hold)
        {
            // Time to take a heap snapshot of the customers alone: dotnet-gcdump collect -p <pid>.
            Console.WriteLine($"  memory: holding {hold} s with only the customers active (process {Environment.ProcessId})");
            await Task.Delay(TimeSpan.FromSeconds(hold));
        }

        await CollectAsync(management, ActivationKind.Customer | ActivationKind.Schedule, TimeSpan.Zero);
        var noneCounts = await CountAsync(management);
        var none = MemorySample.Take();
        Console.WriteLine($"  memory: activations (customer / schedule / other) loaded {loadedCounts}, customers only {customerCounts}, none {noneCounts}; {total.Elapsed.TotalSeconds:0} s");

        var active = customerCounts.Customers;
        var heapPerCustomer = (customersOnly.Heap - none.Heap) / (double)active;
        var workingSetPerCustomer = (customersOnly.WorkingSet - none.WorkingSet) / (double)active;
        var schedule = loadedCounts.Schedule - customerCounts.Schedule;
        // An idle customer is kept packed (its facts and pending changes as bytes): that is its profile's share.
        var profile = footprint[1].Bytes;
        return
        [
            new TargetRow(Section, $"managed heap per active customer ({active:N0} active, {eventsPerCustomer} events each)",
                Bytes(heapPerCustomer), $"≤ {TargetBytes:N0} B", heapPerCustomer <= TargetBytes),
            .. footprint.Select(part => new TargetRow(Section, $"… profile alone: {part.Part}", Bytes(part.Bytes))),
            new TargetRow(Section, "… the rest: activation, grain, bookkeeping, directory (per active customer − packed profile)", Bytes(heapPerCustomer - profile)),
            new TargetRow(Section, "working set per active customer", Bytes(workingSetPerCustomer)),
            new TargetRow(Section, "in-memory storage's copy per customer (not counted above)", Bytes((none.Heap - before.Heap) / (double)customers)),
            new TargetRow(Section, $"managed heap per wake-schedule activation ({schedule:N0}, not counted above)",
                schedule > 0 ? Bytes((loaded.Heap - customersOnly.Heap) / (double)schedule) : "none"),
            new TargetRow(Section, "managed heap per customer with the schedule activations it caused",
                Bytes((loaded.Heap - none.Heap) / (double)loadedCounts.Customers)),
            new TargetRow(Section, "customers activated with their first events", string.Create(CultureInfo.InvariantCulture, $"{customers / loadedAt.TotalSeconds:N0} /s")),
        ];
    }

    private static string Bytes(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} B");

    internal static string CustomerId(string prefix, int i) => prefix + i.ToString(CultureInfo.InvariantCulture);

    /// <summary>Gives each customer a small profile: a few events of the mixed stream (from the past year) in one call.</summary>
    internal static async Task LoadAsync(IGrainFactory grains, string prefix, int customers, int events, int concurrency, DateTimeOffset now)
    {
        var stream = new MixedStream(seed: prefix.Length, now, spread: TimeSpan.FromDays(365));
        var gate = new object();
        await Parallel.ForAsync(0, customers, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            CustomerEvent[] batch;
            lock (gate) batch = [.. Enumerable.Range(0, events).Select(_ => stream.Next(i))];
            var result = await grains.GetGrain<ICustomerGrain>(CustomerId(prefix, i)).ApplyAsync([.. batch]);
            if (result.Applied != events) throw new InvalidOperationException($"Customer {i}: {result.Applied} of {events} events applied.");
        });
    }

    internal static async Task<ActivationCounts> CountAsync(IManagementGrain management)
    {
        var statistics = await management.GetSimpleGrainStatistics();
        int Sum(Func<string, bool> kind) => statistics.Where(s => kind(s.GrainType)).Sum(s => s.ActivationCount);
        var customers = Sum(IsCustomer);
        var schedule = Sum(IsSchedule);
        return new ActivationCounts(customers, schedule, statistics.Sum(s => s.ActivationCount) - customers - schedule);
    }

    private static bool IsCustomer(string grainType) => grainType.Contains("CustomerGrain", StringComparison.Ordinal);

    private static bool IsSchedule(string grainType) =>
        grainType.Contains("WakeBucketGrain", StringComparison.Ordinal) || grainType.Contains("WakeDayGrain", StringComparison.Ordinal);

    /// <summary>Collects activations idle for <paramref name="idle"/> or longer and waits until none of <paramref name="kinds"/> is left.</summary>
    internal static async Task CollectAsync(IManagementGrain management, ActivationKind kinds, TimeSpan idle)
    {
        try
        {
            await management.ForceActivationCollection(idle);
        }
        catch (TimeoutException)
        {
            // Hundreds of thousands of deactivations outlast the response timeout on a busy machine; they go on anyway.
        }

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var counts = await CountAsync(management);
            // The schedule's cursor keeps today's few day and bucket grains busy on its own clock: those may stay.
            var left = (kinds.HasFlag(ActivationKind.Customer) ? counts.Customers : 0) +
                (kinds.HasFlag(ActivationKind.Schedule) ? Math.Max(0, counts.Schedule - ScheduleKeptByCursor) : 0);
            if (left == 0) return;
            if (deadline.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException($"{left:N0} activations ({kinds}) still active after collection: {counts}.");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    [Flags]
    internal enum ActivationKind
    {
        Customer = 1,
        Schedule = 2,
    }

    internal readonly record struct ActivationCounts(int Customers, int Schedule, int Other)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Customers:N0} / {Schedule:N0} / {Other:N0}");
    }
}
