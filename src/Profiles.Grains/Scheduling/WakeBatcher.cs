using System.Collections.Immutable;
using Profiles.Abstractions.Grains;

namespace Profiles.Grains.Scheduling;

/// <summary>
/// One per silo: gathers the time-bucket entries this silo's customers make and sends them in one call per bucket shard,
/// while a previous batch is on its way. Each caller gets back its entry's shard call, so an entry is durable in its
/// bucket before its customer stores that it is scheduled (a wake is never lost), at a fraction of a call each when
/// many customers are scheduled at once (new customers due at the same day boundary share their buckets).
/// </summary>
public sealed class WakeBatcher(IGrainFactory grains)
{
    private readonly Lock _lock = new();
    private Dictionary<string, Shard> _next = new(StringComparer.Ordinal);
    private bool _flushing;

    /// <summary>Enters <paramref name="customerId"/> in (or, with <paramref name="remove"/>, takes it out of) the bucket shard <paramref name="key"/>.</summary>
    public Task ChangeAsync(string key, string customerId, bool remove)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        Task done;
        var start = false;
        lock (_lock)
        {
            if (!_next.TryGetValue(key, out var shard)) _next[key] = shard = new Shard();
            (remove ? shard.Removes : shard.Adds).Add(customerId);
            done = shard.Done.Task;
            if (!_flushing) _flushing = start = true;
        }
        // Off the caller's grain scheduler: the loop serves every customer of the silo, so it must not run its turns
        // (and queue all its continuations) on whichever customer happened to start it.
        if (start) _ = Task.Run(FlushAsync);
        return done;
    }

    private async Task FlushAsync()
    {
        // Let the entries of the same instant (the drains of one request) join the first batch.
        await Task.Yield();
        while (true)
        {
            Dictionary<string, Shard> batch;
            lock (_lock)
            {
                if (_next.Count == 0)
                {
                    _flushing = false;
                    return;
                }
                batch = _next;
                _next = new Dictionary<string, Shard>(StringComparer.Ordinal);
            }
            await Task.WhenAll(batch.Select(entry => SendAsync(entry.Key, entry.Value)));
        }
    }

    private async Task SendAsync(string key, Shard shard)
    {
        try
        {
            await grains.GetGrain<IWakeBucketGrain>(key).ChangeAsync([.. shard.Adds], [.. shard.Removes]);
            shard.Done.TrySetResult();
        }
        catch (Exception e)
        {
            shard.Done.TrySetException(e);
        }
    }

    private sealed class Shard
    {
        public List<string> Adds { get; } = [];

        public List<string> Removes { get; } = [];

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
