namespace Profiles.Grains.Webhooks;

/// <summary>Settings under <c>Profiles:Webhooks</c>: the endpoints that receive tier changes, and how they are retried.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Profiles:Webhooks";

    /// <summary>The receivers; none by default.</summary>
    public List<WebhookEndpointOptions> Endpoints { get; set; } = [];

    /// <summary>The wait after a first failed delivery; each further failure doubles it, with jitter (default 1 s).</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts (default 5 min).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most changes in one request (default 100).</summary>
    public int MaxBatchSize { get; set; } = 100;

    /// <summary>How long a receiver may take to answer (default 10 s).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Most changes one endpoint's outbox holds; beyond it the oldest are dropped and logged (default 5,000). The outbox is
    /// one stored row, so it also holds at most <see cref="WebhookOutboxGrain.MaxPendingBytes"/> of changes, whatever this says.
    /// </summary>
    public int MaxPending { get; set; } = 5_000;

    /// <summary>
    /// How many times in a row a receiver may refuse one change with a 4xx (other than 408 and 429) before it is given up
    /// on (logged and counted) so that the changes behind it go out (default 5). A refused batch of several is halved until
    /// the refused change is alone. Other failures (5xx, timeouts, no connection) are retried for ever.
    /// </summary>
    public int MaxRefusals { get; set; } = 5;

    /// <summary>How often each silo wakes every outbox, so deliveries stored before a restart resume (default 30 s).</summary>
    public TimeSpan WakeInterval { get; set; } = TimeSpan.FromSeconds(30);
}
