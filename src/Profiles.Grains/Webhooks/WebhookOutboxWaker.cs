using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Profiles.Abstractions.Grains;

namespace Profiles.Grains.Webhooks;

/// <summary>
/// Runs on every silo and wakes every endpoint's outbox at start and every <see cref="WebhookOptions.WakeInterval"/>, so
/// deliveries stored before a restart go on without waiting for a new change. (Changes reach the outboxes from the
/// customers that made them, through <see cref="WebhookOutboxes"/>.)
/// </summary>
public sealed partial class WebhookOutboxWaker(
    IGrainFactory grains, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookOutboxWaker> logger)
    : BackgroundService
{
    private readonly WebhookOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Endpoints.Count == 0) return;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake webhook outbox {Key}")]
    private partial void LogWakeFailed(Exception exception, string key);
}
