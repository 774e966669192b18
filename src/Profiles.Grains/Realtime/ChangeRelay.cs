using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Profiles.Abstractions.Grains;
using Profiles.Abstractions.Realtime;
using Profiles.Domain.Profiles;
using Profiles.Grains.Diagnostics;

namespace Profiles.Grains.Realtime;

/// <summary>
/// One per silo: gathers the class changes made by this silo's customer grains for a few milliseconds and sends them
/// in batches to the change observer of every silo, which pushes them to its SignalR clients. A bounded queue turns a
/// slow fan-out into back-pressure on the writers instead of unbounded memory.
/// </summary>
public sealed partial class ChangeRelay : BackgroundService, IProfileChangePublisher
{
    private readonly Channel<Relayed> _queue;
    private readonly IGrainFactory _grains;
    private readonly ChangeRelayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ChangeRelay> _logger;
    private readonly ProfilesMetrics _metrics;
    private ImmutableArray<IProfileChangeObserver> _observers = [];
    private readonly Dictionary<IProfileChangeObserver, ObserverOutbox> _outboxes = [];
    private DateTimeOffset _observersReadAt = DateTimeOffset.MinValue;

    public ChangeRelay(
        IGrainFactory grains, IOptions<ChangeRelayOptions> options, TimeProvider time, ProfilesMetrics metrics, ILogger<ChangeRelay> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        _grains = grains;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<Relayed>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _metrics = metrics;
        _metrics.ObserveRelayQueue(() => _queue.Reader.Count);
    }

    /// <summary>How many silo observers the relay delivered to last; tests wait on it instead of sleeping.</summary>
    public int KnownObservers => _observers.Length;

    /// <inheritdoc />
    public async ValueTask PublishAsync(IReadOnlyList<ClassChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            _metrics.ClassChanged(change.Dimension);
            var item = new Relayed(change, null);
            if (!_queue.Writer.TryWrite(item)) await _queue.Writer.WriteAsync(item, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask PublishRemovalAsync(ProfileRemoval removal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(removal);
        var item = new Relayed(null, removal);
        if (!_queue.Writer.TryWrite(item)) await _queue.Writer.WriteAsync(item, cancellationToken);
    }

    /// <summary>Reads the observer list now rather than at the next refresh.</summary>
    public async Task RefreshObserversAsync()
    {
        _observers = await _grains.GetGrain<IChangeObserverRegistryGrain>(0).GetObserversAsync();
        _observersReadAt = _time.GetUtcNow();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        var batch = new List<ClassChange>(_options.MaxBatchSize);
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(_options.FlushInterval, _time, stoppingToken);
                while (reader.TryRead(out var item))
                {
                    if (item.Removal is { } removal)
                    {
                        // In the order they were made: the changes queued before the removal go first.
                        if (batch.Count > 0) await DeliverAsync(batch);
                        batch.Clear();
                        await DeliverAsync(removal);
                        continue;
                    }
                    batch.Add(item.Change!);
                    if (batch.Count == _options.MaxBatchSize)
                    {
                        await DeliverAsync(batch);
                        batch.Clear();
                    }
                }
                if (batch.Count > 0) await DeliverAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still queued was durable already; browsers reload the profile on reconnect.
        }
    }

    private async Task DeliverAsync(List<ClassChange> batch)
    {
        var changes = batch.ToImmutableArray();
        await PostToEveryObserverAsync(observer => DeliverAsync(observer, changes));
    }

    private Task DeliverAsync(ProfileRemoval removal)
    {
        ImmutableArray<ProfileRemoval> removals = [removal];
        return PostToEveryObserverAsync(observer => DeliverAsync(observer, removals));
    }

    private async Task PostToEveryObserverAsync(Func<IProfileChangeObserver, Task> delivery)
    {
        try
        {
            if (_time.GetUtcNow() - _observersReadAt > _options.ObserverRefreshInterval) await RefreshObserversAsync();
        }
        catch (Exception e)
        {
            LogObserverListFailed(e);
        }

        // Each silo has its own outbox: a silo that is slow or gone delays its own deliveries, never the others'.
        var observers = _observers;
        foreach (var observer in observers)
        {
            if (!_outboxes.TryGetValue(observer, out var outbox))
            {
                outbox = new ObserverOutbox(observer);
                _outboxes[observer] = outbox;
            }
            outbox.Post(delivery);
        }
        foreach (var gone in _outboxes.Keys.Except(observers).ToList())
        {
            _ = _outboxes[gone].CompleteAsync();
            _outboxes.Remove(gone);
        }
    }

    private async Task DeliverAsync(IProfileChangeObserver observer, ImmutableArray<ClassChange> changes)
    {
        try
        {
            await observer.OnProfileChangesAsync(changes).WaitAsync(_options.DeliveryTimeout, _time);
        }
        catch (Exception e)
        {
            // A silo that is going away misses this batch; the registry drops it at the next refresh.
            LogDeliveryFailed(e, changes.Length);
        }
    }

    private async Task DeliverAsync(IProfileChangeObserver observer, ImmutableArray<ProfileRemoval> removals)
    {
        try
        {
            await observer.OnProfilesRemovedAsync(removals).WaitAsync(_options.DeliveryTimeout, _time);
        }
        catch (Exception e)
        {
            LogRemovalDeliveryFailed(e, removals.Length);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the list of change observers; using the previous list")]
    private partial void LogObserverListFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A silo did not accept a batch of {Count} profile changes")]
    private partial void LogDeliveryFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A silo did not accept {Count} profile removals")]
    private partial void LogRemovalDeliveryFailed(Exception exception, int count);

    /// <summary>One item of the relay's queue: a class change, or the removal of an erased customer.</summary>
    private readonly record struct Relayed(ClassChange? Change, ProfileRemoval? Removal);
}
