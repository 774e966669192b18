namespace Profiles.Domain.Events;

/// <summary>A support ticket was opened (<c>Ticket Opened</c>).</summary>
[GenerateSerializer, Immutable]
public sealed record TicketOpened : CustomerEvent
{
    [Id(0)] public required string TicketId { get; init; }

    public override string Kind => "Ticket Opened";

    public override string Describe() => $"ticket {TicketId} opened";
}
