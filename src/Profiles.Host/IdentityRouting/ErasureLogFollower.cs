using Microsoft.Extensions.Options;
using Profiles.Abstractions.Grains;
using Profiles.Grains.Diagnostics;
using Profiles.Grains.IdentityClaims;

namespace Profiles.Host.IdentityRouting;

/// <summary>
/// Runs on every silo and reads the erasure log every <see cref="IdentityOptions.ErasureLogInterval"/>, dropping this
/// silo's cached links to the customers erased since the last read, or the whole cache when it fell so far behind that
/// the log no longer holds what it missed; while the log cannot be read, nothing is cached. The first read is made at
/// start, so the cache is in use when requests come.
/// </summary>
public sealed partial class ErasureLogFollower(
    IGrainFactory grains,
    IdentityResolver identities,
    IOptions<IdentityOptions> options,
    ProfilesMetrics metrics,
    TimeProvider time,
    ILogger<ErasureLogFollower> logger) : BackgroundService
{
    private static readonly TimeSpan FirstReadTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The position to read from next; -1 until the first read.</summary>
    private long _next = -1;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ReadAsync().WaitAsync(FirstReadTimeout, time, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Storage not there yet: the loop tries again, and the cache stays unused until a read succeeds.
            LogReadFailed(e);
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ErasureLogInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await ReadAsync();
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // Erasures may be going by unseen: nothing cached is trusted until the log is read again.
                    identities.NotFollowing();
                    LogReadFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ReadAsync()
    {
        var page = await grains.GetGrain<IErasureLogGrain>(0).ReadAsync(_next);
        if (page.Gap)
        {
            identities.ForgetAll();
            metrics.IdentityCacheReset();
            LogFellBehind(_next, page.Next);
        }
        else
        {
            identities.Forget(page.Marks);
            metrics.ErasuresApplied(page.Marks.Length);
        }
        _next = page.Next;
        identities.Following();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the erasure log; identity links are not cached until a read succeeds")]
    private partial void LogReadFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fell behind the erasure log (read from {From}, it now ends at {End}): dropped every cached identity link")]
    private partial void LogFellBehind(long from, long end);
}
