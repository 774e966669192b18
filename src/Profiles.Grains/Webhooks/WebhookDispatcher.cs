using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Profiles.Abstractions.Grains;
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
    private readonly Channel<ImmutableArray<ClassChange>> _batches =
        Channel.CreateUnbounded<ImmutableArray<ClassChange>>(new UnboundedChannelOptions { SingleReader = true });

    private readonly WebhookOptions _options = options.Value;

    public void Consume(ImmutableArray<ClassChange> changes)
    {
        if (_options.Endpoints.Count > 0) _batches.Writer.TryWrite(changes);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Endpoints.Count == 0) return;
        var waking = WakeLoopAsync(stoppingToken);
        try
        {
            await foreach (var batch in _batches.Reader.ReadAllAsync(stoppingToken))
            {
                foreach (var endpoint in _options.Endpoints)
                {
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

    private async Task StoreAsync(WebhookEndpointOptions endpoint, ImmutableArray<ClassChange> changes, CancellationToken stoppingToken)
    {
        var outbox = grains.GetGrain<IWebhookOutboxGrain>(endpoint.Key);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await outbox.EnqueueAsync(changes);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogStoreFailed(e, endpoint.Key, changes.Length, attempt);
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
}
