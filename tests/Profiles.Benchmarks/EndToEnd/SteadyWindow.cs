namespace Profiles.Benchmarks.EndToEnd;

/// <summary>
/// What a measured steady window saw: events answered, storage writes, and this process's CPU time, allocations and
/// gen-2 collections (client and server together — the same client for every run, so they compare).
/// </summary>
internal sealed record SteadyWindow(long Events, long Writes, TimeSpan Elapsed, TimeSpan Cpu, long AllocatedBytes, int Gen2Collections)
{
    /// <summary>Time the runtime held every thread for garbage collection within the window.</summary>
    public TimeSpan GcPause { get; init; }

    /// <summary>Collections by generation within the window (<see cref="GcWatch"/>).</summary>
    public string Collections { get; init; } = "";

    /// <summary>Share of the window's wall-clock time the threads were held for garbage collection.</summary>
    public double GcPauseShare => Elapsed <= TimeSpan.Zero ? 0 : GcPause / Elapsed;

    /// <summary>Requests answered 503 or 429 (and retried) over the whole run, warm-up included.</summary>
    public long Refused { get; init; }

    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    public double EventsPerWrite => Writes == 0 ? 0 : (double)Events / Writes;

    /// <summary>CPU time of the process per 1,000 events answered, in milliseconds: not inflated by other processes' load.</summary>
    public double CpuMillisecondsPerThousand => Events == 0 ? 0 : Cpu.TotalMilliseconds * 1000 / Events;

    public double AllocatedBytesPerEvent => Events == 0 ? 0 : (double)AllocatedBytes / Events;

    /// <summary>The events/s the CPU time allows on <paramref name="cores"/> cores that nothing else uses.</summary>
    public double CpuBoundEventsPerSecond(int cores) => Cpu <= TimeSpan.Zero ? 0 : Events / Cpu.TotalSeconds * cores;

    /// <summary>Measures <paramref name="window"/> between two snapshots of the counters.</summary>
    public static async Task<SteadyWindow> MeasureAsync(TimeSpan window, Func<long> events, Func<long> writes, Task abort)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var (events0, writes0, cpu0, allocated0, gen20) = (events(), writes(), process.TotalProcessorTime, GC.GetTotalAllocatedBytes(), GC.CollectionCount(2));
        var pause0 = GC.GetTotalPauseDuration();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string collections;
        await using (var gc = new GcWatch())
        {
            await Task.WhenAny(Task.Delay(window), abort);
            collections = gc.Describe(events() - events0);
        }
        process.Refresh();
        return new SteadyWindow(events() - events0, writes() - writes0, clock.Elapsed, process.TotalProcessorTime - cpu0,
            GC.GetTotalAllocatedBytes() - allocated0, GC.CollectionCount(2) - gen20) { GcPause = GC.GetTotalPauseDuration() - pause0, Collections = collections };
    }
}
