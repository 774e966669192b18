using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Profiles.Abstractions.Grains;

namespace Profiles.Grains.Scheduling;

/// <summary>
/// One shard of a time bucket. It is reentrant so that adds can queue while a write is in flight; one drain loop does
/// every write (adds that arrived together are stored in one write) and the firing, so writes never overlap.
/// </summary>
[Reentrant]
// A bucket is written in bursts (customers scheduled together) and then not until it fires, weeks later: an idle one is
// let go after two minutes instead of the default collection age, so silent customers do not keep activations alive.
[CollectionAgeLimit(Minutes = 2)]
public sealed partial class WakeBucketGrain(
    [PersistentState("bucket", StorageNames.Profiles)] IPersistentState<WakeBucketState> state,
    ILogger<WakeBucketGrain> logger) : Grain, IWakeBucketGrain
{
    /// <summary>How many customers are woken at once when the bucket fires.</summary>
    private const int WakeConcurrency = 64;

    private List<(string CustomerId, bool Remove, TaskCompletionSource Done)> _adds = [];
    private TaskCompletionSource<int>? _fire;
    private Task? _drain;

    public Task AddAsync(string customerId) => Change(customerId, remove: false);

    public Task RemoveAsync(string customerId) => Change(customerId, remove: true);

    public Task ChangeAsync(ImmutableArray<string> adds, ImmutableArray<string> removes)
    {
        if (adds.IsDefault) adds = [];
        if (removes.IsDefault) removes = [];
        if (adds.Any(string.IsNullOrEmpty) || removes.Any(string.IsNullOrEmpty))
            return Task.FromException(new ArgumentException("A customer id of the batch is empty."));
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var customerId in adds) _adds.Add((customerId, false, done));
        foreach (var customerId in removes) _adds.Add((customerId, true, done));
        if (adds.Length + removes.Length == 0) return Task.CompletedTask;
        _drain ??= DrainAsync();
        return done.Task;
    }

    private Task Change(string customerId, bool remove)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _adds.Add((customerId, remove, done));
        _drain ??= DrainAsync();
        return done.Task;
    }

    public Task<int> FireAsync()
    {
        _fire ??= new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var fired = _fire.Task;
        _drain ??= DrainAsync();
        return fired;
    }

    private long Bucket => long.Parse(this.GetPrimaryKeyString().Split('/')[0], System.Globalization.CultureInfo.InvariantCulture);

    private async Task DrainAsync()
    {
        await Task.Yield();
        while (_adds.Count > 0 || _fire is not null)
        {
            if (_adds.Count > 0) await StoreAddsAsync();
            if (_fire is { } fire)
            {
                _fire = null;
                try
                {
                    fire.TrySetResult(await WakeAllAsync());
                }
                catch (Exception e)
                {
                    fire.TrySetException(e);
                }
            }
        }
        _drain = null;
        if (state.State.Customers.Count == 0) DeactivateOnIdle();
    }

    private async Task StoreAddsAsync()
    {
        var batch = _adds;
        _adds = [];
        var wasEmpty = state.State.Customers.Count == 0;
        bool added = false, removed = false;
        foreach (var (customerId, remove, _) in batch)
        {
            if (remove) removed |= state.State.Customers.Remove(customerId);
            else added |= state.State.Customers.Add(customerId);
        }
        try
        {
            // The day's index learns of the bucket before the bucket stores its first customer, so none is ever unindexed.
            if (wasEmpty && added) await GrainFactory.GetGrain<IWakeDayGrain>(WakeSchedule.DayOf(Bucket)).NoteAsync(Bucket);
            if (state.State.Customers.Count == 0 && !wasEmpty) await state.ClearStateAsync();
            else if (added || removed) await state.WriteStateAsync();
            foreach (var (_, _, done) in batch) done.TrySetResult();
        }
        catch (Exception e)
        {
            foreach (var (_, _, done) in batch) done.TrySetException(e);
            // What was not stored must not linger in memory: read back what storage holds. If that fails too (storage
            // down), let the activation go: an exception here would end the drain loop without clearing _drain, and every
            // later add would wait forever.
            try
            {
                await state.ReadStateAsync();
            }
            catch (Exception readError)
            {
                LogReloadFailed(readError, this.GetPrimaryKeyString());
                DeactivateOnIdle();
            }
        }
    }

    private async Task<int> WakeAllAsync()
    {
        var customers = state.State.Customers.ToList();
        if (customers.Count == 0) return 0;

        // In chunks, on the grain's own scheduler (grain calls must start from the activation).
        foreach (var chunk in customers.Chunk(WakeConcurrency))
        {
            await Task.WhenAll(chunk.Select(WakeAsync));
        }

        foreach (var customerId in customers) state.State.Customers.Remove(customerId);
        if (state.State.Customers.Count == 0) await state.ClearStateAsync();
        else await state.WriteStateAsync();
        return customers.Count;
    }

    private async Task WakeAsync(string customerId)
    {
        try
        {
            await GrainFactory.GetGrain<ICustomerGrain>(customerId).WakeAsync();
        }
        catch (Exception e)
        {
            // The customer keeps its schedule in its own state; its next event or read looks again.
            LogWakeFailed(e, customerId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reload wake bucket {Bucket} after a failed write; deactivating it")]
    private partial void LogReloadFailed(Exception exception, string bucket);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake customer {CustomerId} on time")]
    private partial void LogWakeFailed(Exception exception, string customerId);
}
