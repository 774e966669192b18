using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Profiles.Abstractions.Grains;
using Profiles.Grains.Hosting;

namespace Profiles.Grains.Scheduling;

/// <summary>
/// Runs on every silo and asks the cursor to fire due buckets every few seconds. Several silos ticking is harmless:
/// the cursor handles one tick at a time and a second one finds nothing new.
/// </summary>
public sealed partial class WakeTicker(IGrainFactory grains, ProfileClock time, ILogger<WakeTicker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Tick at once: the cursor's first tick marks where time starts for a new cluster.
        using var timer = new PeriodicTimer(WakeSchedule.TickInterval, time);
        do
        {
            try
            {
                await grains.GetGrain<IWakeCursorGrain>(0).TickAsync();
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogTickFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fire due time buckets; retrying at the next tick")]
    private partial void LogTickFailed(Exception exception);
}
