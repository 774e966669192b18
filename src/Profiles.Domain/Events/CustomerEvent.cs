namespace Profiles.Domain.Events;

/// <summary>
/// A fact about one customer, already validated and normalised at the edge. Folding is keyed by
/// <see cref="MessageId"/> (exactly-once) and ordered by <see cref="Timestamp"/>, never by arrival.
/// </summary>
[GenerateSerializer, Immutable]
public abstract record CustomerEvent
{
    /// <summary>The idempotency key: an event with an id the customer has already applied changes nothing.</summary>
    [Id(0)] public required string MessageId { get; init; }

    /// <summary>When the event happened (clock-skew corrected), in UTC.</summary>
    [Id(1)] public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The kind of event as shown on a timeline, e.g. <c>Order Completed</c> or <c>page</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>A one-line human description for the timeline.</summary>
    public abstract string Describe();
}
