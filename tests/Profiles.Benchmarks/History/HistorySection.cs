using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Profiles.Abstractions.Grains;
using Profiles.Benchmarks.Report;
using Profiles.Benchmarks.Workload;
using Profiles.Domain.Events;
using Profiles.Grains.Storage;

namespace Profiles.Benchmarks.History;

/// <summary>
/// <c>history [--events 3000] [--orders 1000]</c>: what one event costs a customer with a long history against a new one,
/// through the real customer grain in a silo (the host in this process, in-memory storage, which serializes every write as
/// durable storage would). A customer with 1,000 orders and a full dedup window and a new customer each get the same
/// stream of events of the mixed workload, one event a call, one after another; per event: this process's CPU time and
/// the bytes written to storage (the row, and the history chunks and compactions the writes made). Target: the long
/// history's within 1.5× of the new customer's, for both.
/// </summary>
internal static class HistorySection
{
    public const string Usage = "[--events 3000] [--orders 1000]";

    private const string Section = "history";
    private const double TargetRatio = 1.5;

    public static async Task<IReadOnlyList<TargetRow>> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int Int(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : fallback;
        var events = Int("--events", 3_000);
        var orders = Int("--orders", 1_000);
        var now = DateTimeOffset.UtcNow;

        await using var host = new BenchmarkHost(storageConnectionString: null);
        host.Start();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var storage = (SerializedMemoryGrainStorage)host.Services.GetRequiredKeyedService<IGrainStorage>(Abstractions.Grains.StorageNames.Profiles);

        // Warm-up of everything the measured runs go through (JIT, first activations, the schedule's grains).
        await RunAsync(grains, storage, "warm-up", Stream(now, seed: 5, 500));

        var heavy = grains.GetGrain<ICustomerGrain>("history-heavy");
        for (var sent = 0; sent < orders; sent += 100)
        {
            var history = Enumerable.Range(sent, Math.Min(100, orders - sent)).Select(i => (CustomerEvent)new OrderCompleted
            {
                MessageId = Guid.NewGuid().ToString(), Timestamp = now.AddDays(-300).AddMinutes(i * 7), OrderId = $"past-{i}",
                Revenue = 20m + i % 50, OriginalAmount = 20m + i % 50, Currency = "EUR",
            });
            await heavy.ApplyAsync([.. history]);
        }
        var stored = await heavy.GetStoredAsync();
        Console.WriteLine($"  history: the long-history customer holds {stored!.Orders.Count:N0} orders and {stored.AppliedMessages.Ids.Length:N0} applied message ids");

        var stream = Stream(now, seed: 9, events);
        var fresh = await RunAsync(grains, storage, "history-fresh", stream);
        var long_ = await RunAsync(grains, storage, "history-heavy", stream);
        var cpuRatio = long_.CpuMicroseconds / fresh.CpuMicroseconds;
        var bytesRatio = long_.Bytes / fresh.Bytes;
        Console.WriteLine($"  history: new customer {fresh.CpuMicroseconds:0.0} µs and {fresh.Bytes:N0} B an event; long history {long_.CpuMicroseconds:0.0} µs and {long_.Bytes:N0} B");
        return
        [
            new TargetRow(Section, $"new customer, per event ({events:N0} events, one a call)", $"{fresh.CpuMicroseconds:N1} µs CPU, {fresh.Bytes:N0} B written"),
            new TargetRow(Section, $"customer with {orders:N0} orders and a full dedup window, per event (the same events)", $"{long_.CpuMicroseconds:N1} µs CPU, {long_.Bytes:N0} B written"),
            new TargetRow(Section, "long history / new, CPU per event", $"{cpuRatio:0.00}×", $"≤ {TargetRatio:0.0}×", cpuRatio <= TargetRatio),
            new TargetRow(Section, "long history / new, bytes written per event", $"{bytesRatio:0.00}×", $"≤ {TargetRatio:0.0}×", bytesRatio <= TargetRatio),
        ];
    }

    /// <summary>The same events for every customer, each with a message id of its own per customer.</summary>
    private static CustomerEvent[] Stream(DateTimeOffset now, int seed, int count)
    {
        var mixed = new MixedStream(seed, now, spread: TimeSpan.FromDays(30));
        return [.. Enumerable.Range(0, count).Select(_ => mixed.Next(0))];
    }

    private static async Task<(double CpuMicroseconds, double Bytes)> RunAsync(IGrainFactory grains, SerializedMemoryGrainStorage storage, string customerId, CustomerEvent[] stream)
    {
        var customer = grains.GetGrain<ICustomerGrain>(customerId);
        using var process = Process.GetCurrentProcess();
        var bytes0 = storage.BytesWritten;
        var cpu0 = process.TotalProcessorTime;
        foreach (var e in stream) await customer.ApplyAsync([e with { MessageId = e.MessageId + "-" + customerId }]);
        process.Refresh();
        return ((process.TotalProcessorTime - cpu0).TotalMilliseconds * 1000 / stream.Length, (storage.BytesWritten - bytes0) / (double)stream.Length);
    }
}
