namespace Profiles.Benchmarks;

/// <summary>What the host benchmark measured: events sent and acknowledged, and the grain-state writes they took.</summary>
internal sealed record HostIngestResult(long Events, long Requests, long Writes, TimeSpan Elapsed, int CustomersTouched)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    public double WritesPerSecond => Writes / Elapsed.TotalSeconds;

    public double EventsPerWrite => Writes == 0 ? 0 : (double)Events / Writes;
}
