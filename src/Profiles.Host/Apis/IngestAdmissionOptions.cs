namespace Profiles.Host.Apis;

/// <summary>
/// How much ingest work one silo takes at once (<c>Profiles:Ingest:MaxConcurrentRequests</c>, <c>MaxQueuedRequests</c>).
/// A request beyond both answers 429 with <c>Retry-After</c>, so an overloaded silo sheds load instead of growing memory.
/// </summary>
public sealed class IngestAdmissionOptions
{
    /// <summary>Ingest requests handled at the same time on one silo.</summary>
    public int MaxConcurrentRequests { get; set; } = 128;

    /// <summary>Ingest requests that wait for a slot (oldest first); one more answers 429.</summary>
    public int MaxQueuedRequests { get; set; } = 512;

    /// <summary>The <c>Retry-After</c> of a 429, in seconds.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    public void Validate()
    {
        if (MaxConcurrentRequests < 1) throw new ArgumentException("Profiles:Ingest:MaxConcurrentRequests must be 1 or more.");
        if (MaxQueuedRequests < 0) throw new ArgumentException("Profiles:Ingest:MaxQueuedRequests must be 0 or more.");
        if (RetryAfterSeconds < 1) throw new ArgumentException("Profiles:Ingest:RetryAfterSeconds must be 1 or more.");
    }
}
