using Profiles.Domain.Profiles.Packing;

namespace Profiles.Domain.Profiles;

/// <summary>
/// What changed in a profile's history collections since they were last checkpointed (written to a history chunk), as
/// the packed history entries themselves, appended as the fold makes the changes: an applied message id, an order or
/// ticket as it is now (an upsert) or its removal, a trait, a timeline entry, a session, an identity, a merge source.
/// Storage writes these bytes as the tail of the profile's row, so a write copies what changed since the checkpoint —
/// it neither grows with the customer's history nor encodes the changes again (<see cref="ProfileCodec"/>).
/// </summary>
/// <remarks>Entries are read back in order, so an order written twice reads as its later state.</remarks>
public sealed class ProfileChanges
{
    private PackedWriter? _entries;

    /// <summary>Whether nothing changed since the checkpoint.</summary>
    public bool IsEmpty => _entries is null || _entries.Length <= 1;

    /// <summary>The size of the changes in their packed form, version byte included.</summary>
    public int Length => _entries?.Length ?? 1;

    /// <summary>The changes as a packed part (<see cref="ProfileCodec.Version"/> and the entries).</summary>
    public byte[] ToArray() => _entries?.ToArray() ?? [ProfileCodec.Version];

    /// <summary>The same bytes as <see cref="ToArray"/>, without a copy (valid until the next change).</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _entries is null ? NoEntries : _entries.WrittenMemory;

    private static readonly byte[] NoEntries = [ProfileCodec.Version];

    /// <summary>Forgets every change: they are all in a history chunk now.</summary>
    public void Checkpoint() => _entries = null;

    /// <summary>Takes up changes read back from storage (the pending part of a stored row), as they were written.</summary>
    internal void Restore(ReadOnlySpan<byte> changes)
    {
        if (changes.Length <= 1) return;
        Writer().Raw(changes[1..]);
    }

    internal void MessageIdAdded(MessageKey key) => Entries.MessageId(Writer(), key);

    internal void OrderWritten(string orderId, OrderRecord order) => Entries.Order(Writer(), orderId, order);

    internal void OrderRemoved(string orderId) => Entries.Id(Writer(), EntryTag.OrderRemoved, orderId);

    internal void TicketWritten(string ticketId, TicketRecord ticket) => Entries.Ticket(Writer(), ticketId, ticket);

    internal void TicketRemoved(string ticketId) => Entries.Id(Writer(), EntryTag.TicketRemoved, ticketId);

    internal void TraitWritten(string key, Stamped<string> trait) => Entries.Trait(Writer(), key, trait);

    internal void TimelineAdded(TimelineEntry entry) => Entries.Timeline(Writer(), entry);

    internal void SessionAdded(ulong session) => Entries.Session(Writer(), session);

    internal void IdentityAdded(string identity) => Entries.Id(Writer(), EntryTag.Identity, identity);

    internal void MergedFromAdded(string source) => Entries.Id(Writer(), EntryTag.MergedFrom, source);

    private PackedWriter Writer()
    {
        if (_entries is not null) return _entries;
        _entries = new PackedWriter(128);
        _entries.Byte(ProfileCodec.Version);
        return _entries;
    }
}
