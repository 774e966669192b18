namespace Profiles.Domain.Segment;

/// <summary>What a request asks for: the events to keep, the events rejected, and the write key the body carried.</summary>
public sealed record IngestPlan(IReadOnlyList<AcceptedEvent> Accepted, IReadOnlyList<EventRejection> Rejected, string? BodyWriteKey)
{
    public int Total => Accepted.Count + Rejected.Count;
}
