using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Profiles.Abstractions.Grains;
using Profiles.Abstractions.Realtime;
using Profiles.Domain.Profiles;
using Profiles.Grains.Realtime;

namespace Profiles.Grains.Webhooks;

/// <summary>
/// One per silo, fed by the silo's <see cref="ChangeRelay"/> with the changes this silo's customers made: hands each
/// endpoint the changes its filter selects, into that endpoint's durable <see cref="IWebhookOutboxGrain"/> (retrying
/// until stored), and wakes every outbox at start and periodically so deliveries pending before a restart go on.
/// </summary>
public sealed partial class WebhookDispatcher(
    IGrainFactory grains, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger)
    : BackgroundService, IChangeConsumer
{
    private readonly Channel<Work> _batches = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });

    private readonly WebhookOptions _options = options.Value;

    public void Consume(ImmutableArray<ClassChange> changes)
    {
        if (_options.Endpoints.Count > 0) _batches.Writer.TryWrite(new Work(changes, null));
    }

    public void ConsumeRemoval(ProfileRemoval removal)
    {
        if (_options.Endpoints.Count > 0) _batches.Writer.TryWrite(new Work([], removal));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Endpoints.Count == 0) return;
        var waking = WakeLoopAsync(stoppingToken);
        try
        {
            await foreach (var (batch, removal) in _batches.Reader.ReadAllAsync(stoppingToken))
            {
                foreach (var endpoint in _options.Endpoints)
                {
                    // In order: an erased customer's changes handed over before are stored, then dropped with the rest.
                    if (removal is not null)
                    {
                        await RetryAsync(endpoint, 0, () => grains.GetGrain<IWebhookOutboxGrain>(endpoint.Key).ForgetCustomerAsync(removal.CustomerId), stoppingToken);
                        continue;
                    }
                    var selected = batch.Where(endpoint.Matches).ToImmutableArray();
                    if (selected.Length > 0) await StoreAsync(endpoint, selected, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await waking;
    }

    private Task StoreAsync(WebhookEndpointOptions endpoint, ImmutableArray<ClassChange> changes, CancellationToken stoppingToken) =>
        RetryAsync(endpoint, changes.Length, () => grains.GetGrain<IWebhookOutboxGrain>(endpoint.Key).EnqueueAsync(changes), stoppingToken);

    /// <summary>Calls the endpoint's outbox until it succeeds (or the silo stops), backing off between attempts.</summary>
    private async Task RetryAsync(WebhookEndpointOptions endpoint, int count, Func<Task> call, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await call();
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogStoreFailed(e, endpoint.Key, count, attempt);
                var delay = TimeSpan.FromMilliseconds(Math.Min(30_000, 100 * Math.Pow(2, Math.Min(attempt, 10))));
                await Task.Delay(delay, time, stoppingToken);
            }
        }
    }

    private async Task WakeLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.WakeInterval, time);
        try
        {
            do
            {
                foreach (var endpoint in _options.Endpoints)
                {
                    try
                    {
                        await grains.GetGrain<IWebhookOutboxGrain>(endpoint.Key).WakeAsync();
                    }
                    catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                    {
                        LogWakeFailed(e, endpoint.Key);
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store {Count} changes in webhook outbox {Key} (attempt {Attempt}); retrying")]
    private partial void LogStoreFailed(Exception exception, string key, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake webhook outbox {Key}")]
    private partial void LogWakeFailed(Exception exception, string key);

    /// <summary>A batch of changes, or an erased customer whose pending changes every outbox drops.</summary>
    private readonly record struct Work(ImmutableArray<ClassChange> Changes, ProfileRemoval? Removal);
}
