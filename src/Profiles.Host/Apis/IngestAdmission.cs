using System.Diagnostics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Profiles.Grains.Diagnostics;

namespace Profiles.Host.Apis;

/// <summary>
/// The bounded ingest queue of one silo: a concurrency limit with a short first-in-first-out queue whose waits are
/// limited too. A request is turned away (its lease is not acquired) when the slots and the queue are full, or when it
/// waited <see cref="IngestAdmissionOptions.MaxQueueWait"/> without getting a slot; so at most
/// <c>MaxConcurrentRequests + MaxQueuedRequests</c> requests are held at once and none waits without bound.
/// </summary>
public sealed class IngestAdmission : IDisposable
{
    // Weight of the newest request in the moving average of handling times (about the last 20 requests count).
    private const double AverageWeight = 0.05;

    private readonly ConcurrencyLimiter _limiter;
    private readonly IngestAdmissionOptions _settings;
    private readonly Lock _averageLock = new();
    private double _averageSeconds;
    private int _inFlight;
    private int _peakInFlight;
    private int _peakHeld;

    private readonly ProfilesMetrics _metrics;

    public IngestAdmission(IOptions<IngestAdmissionOptions> options, ProfilesMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        _settings = options.Value;
        _metrics = metrics;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = _settings.MaxConcurrentRequests,
            QueueLimit = _settings.MaxQueuedRequests,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>
    /// The <c>Retry-After</c> for a request turned away now, in seconds: how long the queue ahead of a newcomer takes to
    /// drain at the recent handling time per request (queued + 1) × average / slots, at least
    /// <see cref="IngestAdmissionOptions.RetryAfterSeconds"/> and at most <see cref="IngestAdmissionOptions.MaxRetryAfterSeconds"/>.
    /// </summary>
    public int RetryAfterSeconds
    {
        get
        {
            double average;
            lock (_averageLock) average = _averageSeconds;
            var drain = (Queued + 1) * average / _settings.MaxConcurrentRequests;
            var seconds = double.IsFinite(drain) ? Math.Ceiling(drain) : _settings.MaxRetryAfterSeconds;
            return (int)Math.Clamp(seconds, _settings.RetryAfterSeconds, _settings.MaxRetryAfterSeconds);
        }
    }

    /// <summary>The longest an ingest body may take to arrive (<see cref="IngestAdmissionOptions.BodyTimeout"/>).</summary>
    public TimeSpan BodyTimeout => _settings.BodyTimeout;

    /// <summary>Slots free now (for diagnostics and tests).</summary>
    public long AvailableSlots => _limiter.GetStatistics()?.CurrentAvailablePermits ?? 0;

    /// <summary>Requests holding a slot now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Requests waiting for a slot now.</summary>
    public long Queued => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    /// <summary>The most requests that held a slot at once since start.</summary>
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    /// <summary>The most requests held at once (with a slot or waiting for one) since start, sampled as requests come and go.</summary>
    public int PeakHeld => Volatile.Read(ref _peakHeld);

    /// <summary>
    /// A slot for one request. The lease is not acquired when the silo is full and its queue too, or when the request
    /// waited <see cref="IngestAdmissionOptions.MaxQueueWait"/>; the request's own cancellation still throws.
    /// </summary>
    public async ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken)
    {
        var lease = _limiter.AttemptAcquire(1);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            // Slots and queue full: refused at once, without the timer a wait in the queue needs (under overload most
            // requests end here, and the refusals must cost little so that the admitted ones keep being served).
            if (Queued >= _settings.MaxQueuedRequests) return Refused.Instance;
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(_settings.MaxQueueWait);
            try
            {
                var queued = _limiter.AcquireAsync(1, wait.Token);
                Sample();
                lease = await queued;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Refused.Instance;
            }
        }

        if (!lease.IsAcquired) return lease;
        var inFlight = Interlocked.Increment(ref _inFlight);
        _metrics.IngestStarted();
        Raise(ref _peakInFlight, inFlight);
        Sample();
        return new Admitted(this, lease);
    }

    public void Dispose() => _limiter.Dispose();

    private void Sample() => Raise(ref _peakHeld, (int)(Volatile.Read(ref _inFlight) + Queued));

    private static void Raise(ref int peak, int value)
    {
        var current = Volatile.Read(ref peak);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref peak, value, current);
            if (seen == current) return;
            current = seen;
        }
    }

    private void Released(TimeSpan handled)
    {
        Interlocked.Decrement(ref _inFlight);
        _metrics.IngestEnded();
        lock (_averageLock) _averageSeconds += (handled.TotalSeconds - _averageSeconds) * AverageWeight;
    }

    /// <summary>A slot held by one request; releasing it records how long the request took.</summary>
    private sealed class Admitted(IngestAdmission admission, RateLimitLease inner) : RateLimitLease
    {
        private readonly long _start = Stopwatch.GetTimestamp();
        private int _disposed;

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => inner.MetadataNames;

        public override bool TryGetMetadata(string metadataName, out object? metadata) => inner.TryGetMetadata(metadataName, out metadata);

        protected override void Dispose(bool disposing)
        {
            if (!disposing || Interlocked.Exchange(ref _disposed, 1) != 0) return;
            // Counted out before the slot is given back, so the count never exceeds the slots.
            admission.Released(Stopwatch.GetElapsedTime(_start));
            inner.Dispose();
        }
    }

    /// <summary>A request that waited its longest without getting a slot.</summary>
    private sealed class Refused : RateLimitLease
    {
        public static readonly Refused Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
