using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Profiles.Host.Apis;

/// <summary>The bounded ingest queue of one silo: a concurrency limit with a short first-in-first-out queue.</summary>
public sealed class IngestAdmission : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;

    public IngestAdmission(IOptions<IngestAdmissionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        RetryAfterSeconds = settings.RetryAfterSeconds;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.MaxConcurrentRequests,
            QueueLimit = settings.MaxQueuedRequests,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public int RetryAfterSeconds { get; }

    /// <summary>Slots free now (for diagnostics and tests).</summary>
    public long AvailableSlots => _limiter.GetStatistics()?.CurrentAvailablePermits ?? 0;

    /// <summary>A slot for one request; the lease is not acquired when the silo is full and its queue too.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken) => _limiter.AcquireAsync(1, cancellationToken);

    public void Dispose() => _limiter.Dispose();
}
