using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Profiles.Grains.Diagnostics;

namespace Profiles.Host.Apis;

/// <summary>
/// Token buckets per write key on this silo: one of events, one of new customers. Only configured keys get buckets (the
/// caller has checked the key), so the buckets are as many as the keys. A request takes as many event tokens as it has
/// accepted events, all or none; and a token of new customers for each customer it may create, all or none, giving back
/// those that turned out to exist already.
/// </summary>
public sealed class WriteKeyQuota : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    private readonly WriteKeyQuotaOptions _options;
    private readonly ProfilesMetrics _metrics;
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _buckets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RefundableBucket> _newCustomers = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public WriteKeyQuota(IOptions<WriteKeyQuotaOptions> options, ProfilesMetrics metrics, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _metrics = metrics;
        _time = time;
    }

    /// <summary>
    /// Takes <paramref name="customers"/> tokens of the key's new-customer bucket (customers the request may create);
    /// when it cannot, the seconds to wait. Give back with <see cref="GiveBackNewCustomers"/> what was not created.
    /// </summary>
    public bool TryTakeNewCustomers(string writeKey, int customers, out int retryAfterSeconds)
    {
        retryAfterSeconds = 0;
        if (customers <= 0) return true;
        var bucket = _newCustomers.GetOrAdd(writeKey, static (_, quota) =>
            new RefundableBucket(quota._options.NewCustomerBurst, quota._options.NewCustomersPerSecond, quota._time), this);
        if (bucket.TryTake(Math.Min(customers, _options.NewCustomerBurst), out var wait)) return true;
        retryAfterSeconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        _metrics.QuotaExceeded("new_customers");
        return false;
    }

    /// <summary>Returns tokens taken for customers that existed already.</summary>
    public void GiveBackNewCustomers(string writeKey, int customers)
    {
        if (customers > 0 && _newCustomers.TryGetValue(writeKey, out var bucket)) bucket.GiveBack(customers);
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

    /// <summary>A token bucket that takes tokens back (the limiter's leases cannot be returned once acquired).</summary>
    private sealed class RefundableBucket(int capacity, int perSecond, TimeProvider time)
    {
        private readonly Lock _lock = new();
        private double _tokens = capacity;
        private long _refilledAt = time.GetTimestamp();

        public bool TryTake(int count, out TimeSpan wait)
        {
            lock (_lock)
            {
                Refill();
                if (_tokens >= count)
                {
                    _tokens -= count;
                    wait = TimeSpan.Zero;
                    return true;
                }
                wait = TimeSpan.FromSeconds((count - _tokens) / perSecond);
                return false;
            }
        }

        public void GiveBack(int count)
        {
            lock (_lock) _tokens = Math.Min(capacity, _tokens + count);
        }

        private void Refill()
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(capacity, _tokens + time.GetElapsedTime(_refilledAt, now).TotalSeconds * perSecond);
            _refilledAt = now;
        }
    }
}
