namespace Profiles.Domain.Events;

/// <summary>A support ticket was resolved, possibly after its SLA was breached (<c>Ticket Resolved</c>).</summary>
[GenerateSerializer, Immutable]
public sealed record TicketResolved : CustomerEvent
{
    [Id(0)] public required string TicketId { get; init; }
    [Id(1)] public bool SlaBreached { get; init; }

    public override string Kind => "Ticket Resolved";

    public override string Describe() => SlaBreached ? $"ticket {TicketId} resolved after SLA breach" : $"ticket {TicketId} resolved";
}
