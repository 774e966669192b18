namespace Profiles.Host.Apis;

/// <summary>
/// How much ingest work one silo takes at once (<c>Profiles:Ingest:MaxConcurrentRequests</c>, <c>MaxQueuedRequests</c>,
/// <c>MaxQueueWait</c>). A request beyond both limits, or one that waited too long for a slot, answers 429 with
/// <c>Retry-After</c>, so an overloaded silo sheds load instead of growing memory or latency.
/// </summary>
public sealed class IngestAdmissionOptions
{
    /// <summary>Ingest requests handled at the same time on one silo.</summary>
    public int MaxConcurrentRequests { get; set; } = 128;

    /// <summary>Ingest requests that wait for a slot (oldest first); one more answers 429.</summary>
    public int MaxQueuedRequests { get; set; } = 512;

    /// <summary>
    /// The longest a request waits in the queue for a slot (default 2 s); after that it answers 429. An accepted request
    /// therefore waited at most this long before its handling started.
    /// </summary>
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The smallest <c>Retry-After</c> of a 429, in seconds (default 1). Under load it is the time the queue ahead takes to
    /// drain at the recent handling time per request, up to <see cref="MaxRetryAfterSeconds"/>.
    /// </summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>The largest <c>Retry-After</c> of a 429, in seconds (default 30).</summary>
    public int MaxRetryAfterSeconds { get; set; } = 30;

    /// <summary>
    /// The longest the body of one ingest request may take to arrive (default 15 s: 500 KB at ~270 kbit/s); a slower one
    /// answers 408 and its connection is closed. The body is read before the request takes an ingest slot, so a slow
    /// sender holds only its own connection, never a slot.
    /// </summary>
    public TimeSpan BodyTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
