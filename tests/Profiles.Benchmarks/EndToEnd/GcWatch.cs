using System.Diagnostics;

namespace Profiles.Benchmarks.EndToEnd;

/// <summary>
/// What the garbage collector did within a window, read from <see cref="GC.GetGCMemoryInfo(GCKind)"/> after every
/// collection (polled): collections, pauses and bytes promoted by generation. Promoted bytes are what makes a collection
/// cost: objects still referenced when it runs (a customer's new state, kept until its next write) are copied or marked.
/// </summary>
internal sealed class GcWatch : IAsyncDisposable
{
    private readonly long[] _collections = new long[3];
    private readonly TimeSpan[] _pauses = new TimeSpan[3];
    private readonly long[] _promoted = new long[3];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _polling;
    private long _lastIndex;

    public GcWatch()
    {
        _lastIndex = GC.GetGCMemoryInfo(GCKind.Any).Index;
        _polling = Task.Run(PollAsync);
    }

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) Read();
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Read()
    {
        // Each kind keeps only its latest collection: read all three, count the ones not seen yet.
        foreach (var kind in (ReadOnlySpan<GCKind>)[GCKind.Ephemeral, GCKind.FullBlocking, GCKind.Background])
        {
            var info = GC.GetGCMemoryInfo(kind);
            if (info.Index <= _lastIndex) continue;
            var generation = Math.Clamp(info.Generation, 0, 2);
            _collections[generation]++;
            _pauses[generation] += info.PauseDurations[0] + info.PauseDurations[1];
            _promoted[generation] += info.PromotedBytes;
        }
        _lastIndex = Math.Max(_lastIndex, GC.GetGCMemoryInfo(GCKind.Any).Index);
    }

    /// <summary>One line: per generation, collections seen, mean pause and bytes promoted per event.</summary>
    public string Describe(long events) => string.Join("; ", Enumerable.Range(0, 3).Select(g =>
        $"gen{g} {_collections[g]} GCs, {(_collections[g] == 0 ? 0 : _pauses[g].TotalMilliseconds / _collections[g]):0.0} ms mean pause, " +
        $"{(events == 0 ? 0 : (double)_promoted[g] / events):N0} B promoted per event"));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _polling;
        _stop.Dispose();
    }
}
