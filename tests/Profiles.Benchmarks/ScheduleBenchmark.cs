using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Profiles.Abstractions.Grains;
using Profiles.Grains.Scheduling;

namespace Profiles.Benchmarks;

/// <summary>
/// Schedules silent customers straight into their wake buckets (<see cref="IWakeBucketGrain.AddAsync"/> on the shard
/// <see cref="WakeSchedule.KeyOf"/> names, as <see cref="WakeScheduler"/> does), from the silo's grain factory with
/// bounded concurrency. No customer grain is involved: what is measured is the schedule's own cost per customer.
/// </summary>
internal static class ScheduleBenchmark
{
    private const string ServiceId = "profiles";

    public static async Task<ScheduleRunResult> RunAsync(
        BenchmarkHost host, string? connectionString, StorageWriteCounter? counter, SchedulePopulation population, int[] scheduled,
        int concurrency, int fireCustomers, DateTimeOffset start)
    {
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var management = grains.GetGrain<IManagementGrain>(0);
        var sizes = new ScheduleStateSizes(grains, new OrleansGrainStorageSerializer(host.Services.GetRequiredService<Serializer>()), ServiceId);
        var storage = connectionString is null ? "in-memory" : "Azurite";

        // Warm-up outside the measured range: JIT, the first activations, the cursor's first tick.
        await Parallel.ForAsync(0, 64, async (i, _) => await grains.GetGrain<IWakeBucketGrain>(WakeSchedule.Key(1, i % WakeSchedule.Shards)).AddAsync($"warm-{i}"));
        await grains.GetGrain<IWakeDayGrain>(WakeSchedule.DayOf(1)).FireAsync(1, 1);
        await CollectAsync(management);

        var before = MemorySample.Take();
        var writesBefore = counter?.Writes ?? 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(scheduled, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            var id = SchedulePopulation.CustomerId(i);
            await grains.GetGrain<IWakeBucketGrain>(WakeSchedule.KeyOf(population.Buckets[i], id)).AddAsync(id);
        });
        var elapsed = clock.Elapsed;
        long? writes = counter is null ? null : counter.Writes - writesBefore;
        Console.WriteLine($"  {storage}: {scheduled.Length:N0} customers scheduled in {elapsed.TotalSeconds:0.0} s");

        var activeCount = await ScheduleActivationsAsync(management);
        var active = MemorySample.Take();
        var collectedCount = await CollectAsync(management);
        var collected = MemorySample.Take();
        Console.WriteLine($"  {storage}: {activeCount:N0} schedule activations, {collectedCount:N0} after collection");

        (StateBytes Buckets, StateBytes Days, int EmptyRows)? stored = connectionString is null ? null : await sizes.ReadStoredAsync(connectionString);
        var computed = sizes.Compute(population, scheduled);

        TimeSpan? fire = null;
        if (connectionString is not null && fireCustomers > 0) fire = await FireOneBucketAsync(grains, fireCustomers, start);

        return new ScheduleRunResult(storage, scheduled.Length, elapsed, writes, before, active, collected, activeCount, collectedCount,
            computed.Buckets, computed.Days, stored?.Buckets, stored?.Days, stored?.EmptyRows, fire, fireCustomers);
    }

    /// <summary>
    /// Enters <paramref name="customers"/> customers (with no stored profile: each wake is an activation and a read) in one
    /// bucket an hour before the run, which the cursor has passed, then times firing it through its day's index.
    /// </summary>
    private static async Task<TimeSpan> FireOneBucketAsync(IGrainFactory grains, int customers, DateTimeOffset start)
    {
        var bucket = WakeSchedule.LastDueBucket(start) - 120;
        await Parallel.ForAsync(0, customers, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
        {
            var id = $"fire-customer-{i}";
            await grains.GetGrain<IWakeBucketGrain>(WakeSchedule.KeyOf(bucket, id)).AddAsync(id);
        });
        var clock = Stopwatch.StartNew();
        var woken = await grains.GetGrain<IWakeDayGrain>(WakeSchedule.DayOf(bucket)).FireAsync(bucket, bucket);
        var elapsed = clock.Elapsed;
        if (woken != customers) throw new InvalidOperationException($"Firing the bucket woke {woken} customers, not {customers}.");
        return elapsed;
    }

    private static async Task<int> ScheduleActivationsAsync(IManagementGrain management)
    {
        var statistics = await management.GetSimpleGrainStatistics();
        return statistics
            .Where(s => s.GrainType.Contains(nameof(WakeBucketGrain), StringComparison.Ordinal) || s.GrainType.Contains(nameof(WakeDayGrain), StringComparison.Ordinal))
            .Sum(s => s.ActivationCount);
    }

    /// <summary>Deactivates every idle activation and waits until the schedule's are gone (or a minute has passed).</summary>
    private static async Task<int> CollectAsync(IManagementGrain management)
    {
        await management.ForceActivationCollection(TimeSpan.Zero);
        var deadline = Stopwatch.StartNew();
        int remaining;
        while ((remaining = await ScheduleActivationsAsync(management)) > 0 && deadline.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        return remaining;
    }
}
