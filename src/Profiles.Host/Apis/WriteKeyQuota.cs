using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Profiles.Grains.Diagnostics;

namespace Profiles.Host.Apis;

/// <summary>
/// A token bucket of events per write key on this silo. Only configured keys get a bucket (the caller has checked the
/// key), so the buckets are as many as the keys. A request takes as many tokens as it has accepted events, all or none.
/// </summary>
public sealed class WriteKeyQuota : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    private readonly WriteKeyQuotaOptions _options;
    private readonly ProfilesMetrics _metrics;
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _buckets = new(StringComparer.Ordinal);

    public WriteKeyQuota(IOptions<WriteKeyQuotaOptions> options, ProfilesMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _metrics = metrics;
    }

    /// <summary>Takes <paramref name="events"/> tokens of the key's bucket; when it cannot, the seconds to wait.</summary>
    public bool TryTake(string writeKey, int events, out int retryAfterSeconds)
    {
        retryAfterSeconds = 0;
        if (events <= 0) return true;
        var bucket = _buckets.GetOrAdd(writeKey, static (_, options) => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.EventBurst,
            TokensPerPeriod = Math.Max(1, (int)Math.Ceiling(options.EventsPerSecond * Period.TotalSeconds)),
            ReplenishmentPeriod = Period,
            QueueLimit = 0,
            AutoReplenishment = true,
        }), _options);
        using var lease = bucket.AttemptAcquire(Math.Min(events, _options.EventBurst));
        if (lease.IsAcquired) return true;
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        retryAfterSeconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        _metrics.QuotaExceeded("events");
        return false;
    }

    public void Dispose()
    {
        foreach (var bucket in _buckets.Values) bucket.Dispose();
    }
}
