namespace Profiles.Domain.Profiles.Packing;

/// <summary>Writes one history entry of the packed form (its <see cref="EntryTag"/>, then its fields).</summary>
internal static class Entries
{
    public static void MessageId(PackedWriter writer, MessageKey key)
    {
        writer.Byte((byte)EntryTag.MessageId);
        writer.MessageKey(key);
    }

    public static void Order(PackedWriter writer, string orderId, OrderRecord order)
    {
        writer.Byte((byte)EntryTag.Order);
        writer.String(orderId);
        writer.Timestamp(order.CompletedAt);
        writer.Decimal(order.Revenue);
        writer.MessageId(order.CompletionMessageId);
        writer.Decimal(order.Refunded);
        writer.Byte((byte)((order.FullyRefunded ? 1 : 0) | (order.Cancelled ? 2 : 0)));
    }

    public static void Ticket(PackedWriter writer, string ticketId, TicketRecord ticket)
    {
        writer.Byte((byte)EntryTag.Ticket);
        writer.String(ticketId);
        writer.Timestamp(ticket.OpenedAt);
        writer.Timestamp(ticket.ResolvedAt);
        writer.Bool(ticket.SlaBreached);
    }

    public static void Trait(PackedWriter writer, string key, Stamped<string> trait)
    {
        writer.Byte((byte)EntryTag.Trait);
        writer.String(key);
        writer.String(trait.Value);
        writer.Timestamp(trait.At);
        writer.MessageId(trait.MessageId);
    }

    public static void Timeline(PackedWriter writer, TimelineEntry entry)
    {
        writer.Byte((byte)EntryTag.Timeline);
        writer.MessageId(entry.MessageId);
        writer.Timestamp(entry.Timestamp);
        writer.String(entry.Kind);
        writer.String(entry.Description);
    }

    public static void Session(PackedWriter writer, ulong session)
    {
        writer.Byte((byte)EntryTag.Session);
        writer.Fixed64(session);
    }

    /// <summary>An entry that is a tag and an id: a removal, an identity, a merge source.</summary>
    public static void Id(PackedWriter writer, EntryTag tag, string id)
    {
        writer.Byte((byte)tag);
        writer.String(id);
    }
}
