using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Profiles.Abstractions.Grains;
using Profiles.Domain.Profiles;

namespace Profiles.Grains.Webhooks;

/// <summary>
/// One endpoint's durable outbox: changes are stored before <see cref="EnqueueAsync"/> returns and removed only after
/// the receiver answered 2xx, so a failed request, a crash or a restart leads to a repeat, never a loss (at least
/// once). Batches go out in order; after a failure the next attempt waits an exponential back-off with jitter.
/// </summary>
public sealed partial class WebhookOutboxGrain(
    [PersistentState("webhooks", StorageNames.Profiles)] IPersistentState<WebhookOutboxState> state,
    IOptions<WebhookOptions> options,
    WebhookSender sender,
    ILogger<WebhookOutboxGrain> logger)
    : Grain, IWebhookOutboxGrain
{
    private readonly WebhookOptions _options = options.Value;
    private WebhookEndpointOptions? _endpoint;
    private IGrainTimer? _timer;
    private int _failures;
    private bool _scheduled;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        _endpoint = _options.Endpoints.FirstOrDefault(e => e.Key == key);
        _timer = this.RegisterGrainTimer(DeliverAsync, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan)
        {
            Interleave = false,
            KeepAlive = true,
        });
        if (state.State.Pending.Count > 0) Schedule(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    public async Task EnqueueAsync(ImmutableArray<ClassChange> changes)
    {
        if (changes.IsDefaultOrEmpty) return;
        var pending = state.State.Pending;
        pending.AddRange(changes);
        var over = pending.Count - _options.MaxPending;
        if (over > 0)
        {
            pending.RemoveRange(0, over);
            state.State.Dropped += over;
            LogDropped(this.GetPrimaryKeyString(), over);
        }
        await state.WriteStateAsync();
        if (!_scheduled) Schedule(TimeSpan.Zero);
    }

    public Task<int> WakeAsync() => Task.FromResult(state.State.Pending.Count);

    public async Task ForgetCustomerAsync(string customerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        // Not reentrant, and the delivery timer does not interleave: no batch is in flight while this runs.
        var pending = state.State.Pending;
        if (pending.RemoveAll(c => string.Equals(c.CustomerId, customerId, StringComparison.Ordinal)) == 0) return;
        if (pending.Count == 0 && state.State.Dropped == 0) await state.ClearStateAsync();
        else await state.WriteStateAsync();
    }

    private void Schedule(TimeSpan due)
    {
        _scheduled = true;
        _timer!.Change(due, Timeout.InfiniteTimeSpan);
    }

    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        _scheduled = false;
        var pending = state.State.Pending;
        if (pending.Count == 0) return;
        if (_endpoint is null)
        {
            // The endpoint was removed from the configuration: its pending changes have nowhere to go.
            LogEndpointGone(this.GetPrimaryKeyString(), pending.Count);
            await state.ClearStateAsync();
            return;
        }

        var batch = pending.Take(_options.MaxBatchSize).ToList();
        int? status = null;
        Exception? error = null;
        try
        {
            status = await sender.SendAsync(_endpoint, batch, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            error = e;
        }

        if (status is >= 200 and < 300)
        {
            _failures = 0;
            pending.RemoveRange(0, batch.Count);
            if (pending.Count == 0) await state.ClearStateAsync();
            else await state.WriteStateAsync();
            if (pending.Count > 0) Schedule(TimeSpan.Zero);
            return;
        }

        _failures++;
        var delay = Backoff(_failures);
        LogDeliveryFailed(error, _endpoint.Url, batch.Count, status, _failures, delay);
        Schedule(delay);
    }

    /// <summary>The wait after the <paramref name="failures"/>th failure in a row: doubling, capped, 50–100% jitter.</summary>
    private TimeSpan Backoff(int failures)
    {
        var ceiling = Math.Min(_options.MaxRetryDelay.TotalMilliseconds,
            _options.InitialRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30)));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + Random.Shared.NextDouble() / 2));
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Webhook {Url}: delivery of {Count} changes failed (status {Status}, failure {Failures} in a row); retrying in {Delay}")]
    private partial void LogDeliveryFailed(Exception? exception, string url, int count, int? status, int failures, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook outbox {Key} is full: dropped its {Count} oldest changes")]
    private partial void LogDropped(string key, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook outbox {Key} is no longer configured: discarded {Count} pending changes")]
    private partial void LogEndpointGone(string key, int count);
}
