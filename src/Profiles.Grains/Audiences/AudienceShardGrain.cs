using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Storage;
using Profiles.Abstractions.Audiences;
using Profiles.Abstractions.Grains;

namespace Profiles.Grains.Audiences;

/// <summary>
/// One shard of the membership index. Reentrant so that listings are answered while a write is in flight; one drain loop
/// applies and stores every update (those that arrived together in one write), so writes never overlap.
/// </summary>
/// <remarks>
/// Bounded per row, not per shard, like a time bucket's shard: customers fill pages of at most
/// <see cref="ShardIndex.PageBytes"/> (rows <c>members.{n}</c>), and a write stores only the shard's row with the log of
/// what changed since the pages were written — at most <see cref="ShardIndex.LogBytes"/>; beyond that it writes the pages
/// the log touched and empties the log. So a batch costs a small row write, and a page is rewritten once per many changes.
/// </remarks>
[Reentrant]
public sealed partial class AudienceShardGrain(
    [PersistentState("audience", StorageNames.Profiles)] IPersistentState<AudienceShardState> state,
    [FromKeyedServices(StorageNames.Profiles)] IGrainStorage storage,
    ILogger<AudienceShardGrain> logger) : Grain, IAudienceShardGrain
{
    private const string PagePrefix = "members.";

    private readonly Dictionary<int, GrainState<AudienceShardPage>> _pages = [];
    private ShardIndex _index = new();
    private List<(ImmutableArray<MembershipUpdate> Updates, TaskCompletionSource Done)> _queue = [];
    private Task? _drain;

    public override Task OnActivateAsync(CancellationToken cancellationToken) => LoadAsync();

    /// <inheritdoc />
    public Task UpdateAsync(ImmutableArray<MembershipUpdate> updates)
    {
        if (updates.IsDefaultOrEmpty) return Task.CompletedTask;
        if (updates.Any(u => u is null || string.IsNullOrEmpty(u.CustomerId)))
            return Task.FromException(new ArgumentException("An update of the batch is missing or names no customer.", nameof(updates)));
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((updates, done));
        _drain ??= DrainAsync();
        return done.Task;
    }

    /// <inheritdoc />
    public Task<AudiencePage> ListAsync(AudienceQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Task.FromResult(_index.List(query));
    }

    /// <inheritdoc />
    public Task<long> CountAsync(ImmutableArray<AudienceTerm> terms) => Task.FromResult(_index.Count(terms));

    private async Task DrainAsync()
    {
        // Let the batches of the same instant (several silos flushing at once) join one write.
        await Task.Yield();
        while (_queue.Count > 0)
        {
            var batch = _queue;
            _queue = [];
            try
            {
                var changed = false;
                foreach (var (updates, _) in batch)
                {
                    foreach (var update in updates) changed |= _index.Apply(update);
                }
                if (changed) await StoreAsync();
                foreach (var (_, done) in batch) done.TrySetResult();
            }
            catch (Exception e)
            {
                foreach (var (_, done) in batch) done.TrySetException(e);
                // What was not stored must not be served or stored later: read back what storage holds. If that fails too,
                // let the activation go rather than end the drain loop with callers waiting on it.
                try
                {
                    await state.ReadStateAsync();
                    await LoadAsync();
                }
                catch (Exception readError)
                {
                    LogReloadFailed(readError, this.GetPrimaryKeyLong());
                    DeactivateOnIdle();
                }
            }
        }
        _drain = null;
    }

    /// <summary>Stores the log with the row, or — past its bound — the pages it touched first, then the row with no log.</summary>
    private async Task StoreAsync()
    {
        if (_index.LogSize <= ShardIndex.LogBytes)
        {
            state.State.Log = _index.EncodeLog();
            await state.WriteStateAsync();
            return;
        }
        // Pages first, then the row that names them: a page the row does not name yet is never read, and a page written
        // ahead of a row that then failed is read under the old log, which is applied over it by stamp.
        foreach (var (page, members) in _index.EncodeDirtyPages().OrderBy(p => p.Key))
        {
            if (!_pages.TryGetValue(page, out var row)) _pages[page] = row = new GrainState<AudienceShardPage>(new AudienceShardPage());
            row.State = new AudienceShardPage { Members = members };
            await WritePageAsync(page, row);
        }
        state.State.Pages = _index.Pages;
        state.State.Log = null;
        await state.WriteStateAsync();
        _index.Compacted();
    }

    private async Task WritePageAsync(int page, GrainState<AudienceShardPage> row)
    {
        try
        {
            await storage.WriteStateAsync(PageName(page), this.GetGrainId(), row);
        }
        catch (InconsistentStateException)
        {
            // Left by a write whose row then failed, so never named by the row: written over.
            var existing = new GrainState<AudienceShardPage>(new AudienceShardPage());
            await storage.ReadStateAsync(PageName(page), this.GetGrainId(), existing);
            existing.State = row.State;
            await storage.WriteStateAsync(PageName(page), this.GetGrainId(), existing);
            _pages[page] = existing;
        }
    }

    /// <summary>Reads the pages the row names, then applies its log over them.</summary>
    private async Task LoadAsync()
    {
        var index = new ShardIndex();
        _pages.Clear();
        for (var page = 1; page <= state.State.Pages; page++)
        {
            var row = new GrainState<AudienceShardPage>(new AudienceShardPage());
            await storage.ReadStateAsync(PageName(page), this.GetGrainId(), row);
            row.State ??= new AudienceShardPage();
            _pages[page] = row;
            index.LoadPage(page, row.State.Members);
        }
        if (state.State.Log is { } log) index.LoadLog(log);
        _index = index;
    }

    private static string PageName(int page) => PagePrefix + page.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reload audience shard {Shard} after a failed write; deactivating it")]
    private partial void LogReloadFailed(Exception exception, long shard);
}
