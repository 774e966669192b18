namespace Profiles.Grains.Hosting;

/// <summary>
/// One per silo and purpose: gathers the items many callers have for the same grain (by key) and sends them in one call
/// per key, while the previous batch is on its way. Each caller gets back the task of the call that carries its items,
/// so an item is as durable when the task completes as if the caller had made the call itself, at a fraction of a call
/// each when many callers have items for the same grain at once.
/// </summary>
public sealed class CallBatcher<TItem>(Func<string, List<TItem>, Task> send)
{
    private readonly Lock _lock = new();
    private Dictionary<string, Batch> _next = new(StringComparer.Ordinal);
    private bool _flushing;

    /// <summary>Adds <paramref name="items"/> to the next call to the grain <paramref name="key"/>; completes when that call has.</summary>
    public Task AddAsync(string key, IEnumerable<TItem> items)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(items);
        Task done;
        var start = false;
        lock (_lock)
        {
            if (!_next.TryGetValue(key, out var batch)) _next[key] = batch = new Batch();
            batch.Items.AddRange(items);
            done = batch.Done.Task;
            if (!_flushing) _flushing = start = true;
        }
        // Off the caller's grain scheduler: the loop serves every grain of the silo, so it must not run its turns (and
        // queue all its continuations) on whichever grain happened to start it.
        if (start) _ = Task.Run(FlushAsync);
        return done;
    }

    /// <summary>Adds one item; see <see cref="AddAsync(string, IEnumerable{TItem})"/>.</summary>
    public Task AddAsync(string key, TItem item) => AddAsync(key, [item]);

    private async Task FlushAsync()
    {
        // Let the items of the same instant (the drains of one request) join the first batch.
        await Task.Yield();
        while (true)
        {
            Dictionary<string, Batch> batches;
            lock (_lock)
            {
                if (_next.Count == 0)
                {
                    _flushing = false;
                    return;
                }
                batches = _next;
                _next = new Dictionary<string, Batch>(StringComparer.Ordinal);
            }
            await Task.WhenAll(batches.Select(entry => SendAsync(entry.Key, entry.Value)));
        }
    }

    private async Task SendAsync(string key, Batch batch)
    {
        try
        {
            await send(key, batch.Items);
            batch.Done.TrySetResult();
        }
        catch (Exception e)
        {
            batch.Done.TrySetException(e);
        }
    }

    private sealed class Batch
    {
        public List<TItem> Items { get; } = [];

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
