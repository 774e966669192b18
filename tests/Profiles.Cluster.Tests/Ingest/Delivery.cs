namespace Profiles.Cluster.Tests.Ingest;

/// <summary>What happened to one request: every attempt, and whether (and when) the service acknowledged it.</summary>
internal sealed class Delivery(IngestRequest request)
{
    private readonly List<Attempt> _attempts = [];

    public IngestRequest Request { get; } = request;

    public IReadOnlyList<Attempt> Attempts => _attempts;

    /// <summary>When a 200 came back (since the stream started), or null when the retries ran out.</summary>
    public TimeSpan? AcknowledgedAt => _attempts.LastOrDefault() is { Succeeded: true } last ? last.EndedAt : null;

    public void Add(Attempt attempt) => _attempts.Add(attempt);
}
