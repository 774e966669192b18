namespace Profiles.Domain.Ingest;

/// <summary>What a request asks for: the events to keep and the events rejected.</summary>
public sealed record IngestPlan(IReadOnlyList<AcceptedEvent> Accepted, IReadOnlyList<EventRejection> Rejected)
{
    public int Total => Accepted.Count + Rejected.Count;
}
