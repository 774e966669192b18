using Profiles.Abstractions.Grains;

namespace Profiles.Host.Realtime;

/// <summary>
/// Registers this silo's <see cref="HubChangeObserver"/> with the cluster-wide registry at start and renews it every
/// few seconds, so a registry that moved to another silo learns it again at once.
/// </summary>
public sealed partial class ObserverRegistration(
    IGrainFactory grains, ILocalSiloDetails silo, HubChangeObserver observer, TimeProvider time, ILogger<ObserverRegistration> logger)
    : BackgroundService
{
    /// <summary>How often the registration is renewed.</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The reference must stay alive as long as the silo: Orleans holds observers weakly.
        var reference = grains.CreateObjectReference<IProfileChangeObserver>(observer);
        var registry = grains.GetGrain<IChangeObserverRegistryGrain>(0);
        using var timer = new PeriodicTimer(RenewEvery, time);
        do
        {
            try
            {
                await registry.RegisterAsync(silo.SiloAddress, reference);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRegistrationFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        GC.KeepAlive(reference);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not register this silo's change observer; retrying")]
    private partial void LogRegistrationFailed(Exception exception);
}
