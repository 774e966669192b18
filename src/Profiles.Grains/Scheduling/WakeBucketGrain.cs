using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Storage;
using Profiles.Abstractions.Grains;

namespace Profiles.Grains.Scheduling;

/// <summary>
/// One shard of a time bucket. It is reentrant so that adds can queue while a write is in flight; one drain loop does
/// every write (adds that arrived together are stored in one write) and the firing, so writes never overlap.
/// </summary>
/// <remarks>
/// Bounded per row, not per shard: customers fill pages of at most <see cref="PageBytes"/> (the first in the shard's own
/// row, the rest in rows of their own), and a write stores only the pages it changed. So a bucket that most of a day's
/// customers fall into (custom segments scheduling everyone for the next midnight) spills into further rows instead of
/// failing, and adding one customer to a large shard writes one page, not all of them.
/// </remarks>
[Reentrant]
// A bucket is written in bursts (customers scheduled together) and then not until it fires, weeks later: an idle one is
// let go after two minutes instead of the default collection age, so silent customers do not keep activations alive.
[CollectionAgeLimit(Minutes = 2)]
public sealed partial class WakeBucketGrain(
    [PersistentState("bucket", StorageNames.Profiles)] IPersistentState<WakeBucketState> state,
    [FromKeyedServices(StorageNames.Profiles)] IGrainStorage storage,
    ILogger<WakeBucketGrain> logger) : Grain, IWakeBucketGrain
{
    /// <summary>How many customers are woken at once when the bucket fires.</summary>
    private const int WakeConcurrency = 64;

    /// <summary>The most one page holds, estimated as stored (three bytes a character of each id, and a little more).</summary>
    public const int PageBytes = 256 * 1024;

    private const string PagePrefix = "bucket.";

    // Pages 1.. (page 0 is the state's own set); which page holds each customer, and each page's estimated size.
    private readonly List<GrainState<WakeBucketPage>> _pages = [];
    private readonly Dictionary<string, int> _pageOf = new(StringComparer.Ordinal);
    private readonly List<int> _bytes = [0];

    private List<(string CustomerId, bool Remove, TaskCompletionSource Done)> _adds = [];
    private TaskCompletionSource<int>? _fire;
    private Task? _drain;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await LoadPagesAsync();
    }

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
        if (_pageOf.Count == 0) DeactivateOnIdle();
    }

    private HashSet<string> Page(int page) => page == 0 ? state.State.Customers : _pages[page - 1].State!.Customers;

    private static int SizeOf(string customerId) => 3 * customerId.Length + 8;

    /// <summary>Reads the further pages the shard's row names, and indexes every customer by its page.</summary>
    private async Task LoadPagesAsync()
    {
        _pages.Clear();
        _pageOf.Clear();
        _bytes.Clear();
        _bytes.Add(0);
        for (var page = 1; page <= state.State.Pages; page++)
        {
            var row = new GrainState<WakeBucketPage>(new WakeBucketPage());
            await storage.ReadStateAsync(PageName(page), this.GetGrainId(), row);
            row.State ??= new WakeBucketPage();
            _pages.Add(row);
            _bytes.Add(0);
        }
        for (var page = 0; page <= _pages.Count; page++)
        {
            foreach (var customerId in Page(page))
            {
                if (_pageOf.TryAdd(customerId, page)) _bytes[page] += SizeOf(customerId);
            }
        }
    }

    /// <summary>Adds a customer to the first page with room (a new page when none has); the page changed, or -1.</summary>
    private int Add(string customerId)
    {
        if (_pageOf.ContainsKey(customerId)) return -1;
        var size = SizeOf(customerId);
        var page = _bytes.FindIndex(b => b + size <= PageBytes);
        if (page < 0)
        {
            _pages.Add(new GrainState<WakeBucketPage>(new WakeBucketPage()));
            _bytes.Add(0);
            page = _pages.Count;
        }
        Page(page).Add(customerId);
        _pageOf[customerId] = page;
        _bytes[page] += size;
        return page;
    }

    private int Remove(string customerId)
    {
        if (!_pageOf.Remove(customerId, out var page)) return -1;
        Page(page).Remove(customerId);
        _bytes[page] -= SizeOf(customerId);
        return page;
    }

    private async Task StoreAddsAsync()
    {
        var batch = _adds;
        _adds = [];
        var wasEmpty = _pageOf.Count == 0;
        var added = false;
        var changed = new SortedSet<int>();
        foreach (var (customerId, remove, _) in batch)
        {
            var page = remove ? Remove(customerId) : Add(customerId);
            if (page < 0) continue;
            changed.Add(page);
            added |= !remove;
        }
        try
        {
            // The day's index learns of the bucket before the bucket stores its first customer, so none is ever unindexed.
            if (wasEmpty && added) await GrainFactory.GetGrain<IWakeDayGrain>(WakeSchedule.DayOf(Bucket)).NoteAsync(Bucket);
            if (_pageOf.Count == 0 && !wasEmpty)
            {
                await ClearAsync();
            }
            else if (changed.Count > 0)
            {
                // Further pages first, then the row that names them: a page the row does not name yet is never read.
                await WritePagesAsync(changed);
                if (changed.Contains(0) || state.State.Pages != _pages.Count)
                {
                    state.State.Pages = _pages.Count;
                    await state.WriteStateAsync();
                }
            }
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
                await LoadPagesAsync();
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
        var customers = _pageOf.Keys.ToList();
        if (customers.Count == 0) return 0;

        // In chunks, on the grain's own scheduler (grain calls must start from the activation).
        foreach (var chunk in customers.Chunk(WakeConcurrency))
        {
            await Task.WhenAll(chunk.Select(WakeAsync));
        }

        // Customers added while waking stay for the next firing; everyone woken goes.
        var changed = new SortedSet<int>();
        foreach (var customerId in customers)
        {
            if (Remove(customerId) is var page and >= 0) changed.Add(page);
        }
        if (_pageOf.Count == 0)
        {
            await ClearAsync();
        }
        else
        {
            await WritePagesAsync(changed);
            await state.WriteStateAsync();
        }
        return customers.Count;
    }

    private static string PageName(int page) => PagePrefix + page.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Writes the further pages among <paramref name="changed"/> (page 0 is the shard's own row, written by the caller).</summary>
    private async Task WritePagesAsync(IEnumerable<int> changed)
    {
        foreach (var page in changed.Where(p => p > 0))
            await storage.WriteStateAsync(PageName(page), this.GetGrainId(), _pages[page - 1]);
    }

    /// <summary>Deletes the further pages, then the shard's row (which names them, so a failure part-way leaves it to retry).</summary>
    private async Task ClearAsync()
    {
        for (var page = _pages.Count; page >= 1; page--)
        {
            var row = _pages[page - 1];
            if (row.RecordExists || row.ETag is not null)
                await storage.ClearStateAsync(PageName(page), this.GetGrainId(), row);
        }
        _pages.Clear();
        _bytes.RemoveRange(1, _bytes.Count - 1);
        _bytes[0] = 0;
        state.State.Pages = 0;
        await state.ClearStateAsync();
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
