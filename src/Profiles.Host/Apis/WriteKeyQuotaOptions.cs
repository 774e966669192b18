namespace Profiles.Host.Apis;

/// <summary>
/// Per write key limits on one silo (<c>Profiles:Ingest:Quota</c>): a write key is public, so one key's sender must
/// not be able to take the whole silo. Beyond them a request answers 429 with <c>Retry-After</c> and nothing of it is kept.
/// </summary>
public sealed class WriteKeyQuotaOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Profiles:Ingest:Quota";

    /// <summary>Accepted events per second one write key may send to one silo, sustained (default 100,000).</summary>
    public int EventsPerSecond { get; set; } = 100_000;

    /// <summary>
    /// Events one write key may send at once above the sustained rate (default 200,000); at least the largest batch
    /// (<c>Profiles:Ingest:MaxBatchEvents</c>), so any valid request can pass when the bucket is full.
    /// </summary>
    public int EventBurst { get; set; } = 200_000;

    /// <summary>
    /// New customers (ids nothing was stored for) one write key may create per second on one silo, sustained (default
    /// 2,000): events under made-up ids each cost a stored profile, so they are limited on their own.
    /// </summary>
    public int NewCustomersPerSecond { get; set; } = 2_000;

    /// <summary>New customers one write key may create at once above the sustained rate (default 20,000); at least the largest batch.</summary>
    public int NewCustomerBurst { get; set; } = 20_000;
}
