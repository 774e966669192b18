namespace Profiles.Domain.Profiles.Packing;

/// <summary>The kinds of history entry in the packed form; values are stored, never renumber them.</summary>
public enum EntryTag : byte
{
    MessageId = 1,
    Order = 2,
    OrderRemoved = 3,
    Ticket = 4,
    TicketRemoved = 5,
    Timeline = 6,
    Session = 7,
    Trait = 8,
    Identity = 9,
    MergedFrom = 10,
}
