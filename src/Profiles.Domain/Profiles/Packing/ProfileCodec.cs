using Profiles.Domain.Events;

namespace Profiles.Domain.Profiles.Packing;

/// <summary>
/// The packed, versioned form of a <see cref="CustomerProfile"/>, in three parts: the <b>facts</b> (counters, latest values,
/// first and last seen, the order archive, the classes: small, written in full on every write), the <b>changes</b> of the
/// history collections since their last checkpoint (applied message ids, orders, tickets, traits, timeline entries,
/// sessions, identities, merge sources: written with every write until they are checkpointed), and <b>history
/// chunks</b> (checkpointed changes, or a snapshot of every history entry, written once). A profile is its facts, its
/// chunks in order and its changes, each entry an upsert or a removal, so reading the same entry twice changes nothing.
/// </summary>
/// <remarks>
/// Every part begins with <see cref="Version"/>. Entries carry their kind (<see cref="EntryTag"/>); a reader refuses a
/// version or kind it does not know rather than guess. All of it is plain bytes: storing a part is a copy.
/// </remarks>
public static class ProfileCodec
{
    /// <summary>
    /// The format version written; readers accept it and every earlier one. 2: the facts' classes pack their dimension and
    /// class names by <see cref="KnownNames"/> and a class stamped like the one before it says so in one byte. 3: the order
    /// archive keeps its distinct purchase days and the revenue of its first day (for the purchase history).
    /// </summary>
    public const byte Version = 3;

    /// <summary>The facts part: everything but the history collections.</summary>
    public static byte[] Facts(CustomerProfile profile)
    {
        var writer = PackedWriter.Rent();
        try
        {
            WriteFacts(profile, writer);
            return writer.ToArray();
        }
        finally
        {
            PackedWriter.Return(writer);
        }
    }

    /// <summary>The changes part: the history entries changed since their last checkpoint.</summary>
    public static byte[] Changes(CustomerProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.Changes.ToArray();
    }

    /// <summary>A history chunk holding every history entry of the profile as it is now (for a compaction).</summary>
    public static byte[] Snapshot(CustomerProfile profile)
    {
        var writer = new PackedWriter(4096);
        WriteSnapshot(profile, writer);
        return writer.ToArray();
    }

    /// <summary>
    /// Every history entry of the profile as it is now, cut into chunks of about <paramref name="maxBytes"/> at most
    /// (at entry boundaries; one entry longer than that gets a chunk of its own), to be read back in order.
    /// </summary>
    public static IReadOnlyList<byte[]> Snapshot(CustomerProfile profile, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 64);
        var whole = new PackedWriter(4096);
        var boundaries = new List<int>();
        WriteSnapshot(profile, whole, boundaries);
        var bytes = whole.WrittenSpan;
        var chunks = new List<byte[]>();
        var start = 1;
        var last = 1;
        foreach (var end in boundaries)
        {
            if (end - start > maxBytes - 1 && last > start)
            {
                chunks.Add(Chunk(bytes[start..last]));
                start = last;
            }
            last = end;
        }
        if (last > start || chunks.Count == 0) chunks.Add(Chunk(bytes[start..last]));
        return chunks;
    }

    private static byte[] Chunk(ReadOnlySpan<byte> entries)
    {
        var chunk = new byte[entries.Length + 1];
        chunk[0] = Version;
        entries.CopyTo(chunk.AsSpan(1));
        return chunk;
    }

    /// <summary>The whole profile in one part (what the customer it is merged into merges): its facts, then a snapshot.</summary>
    public static byte[] Whole(CustomerProfile profile)
    {
        var writer = new PackedWriter(1024);
        WriteFacts(profile, writer);
        WriteSnapshot(profile, writer);
        return writer.ToArray();
    }

    /// <summary>Reads what <see cref="Whole"/> wrote; nothing of it is pending a checkpoint in the result.</summary>
    public static CustomerProfile ReadWhole(ReadOnlySpan<byte> whole)
    {
        var reader = new PackedReader(whole);
        var profile = ReadFacts(ref reader);
        ReadEntries(ref reader, profile);
        return profile;
    }

    /// <summary>
    /// The profile of <paramref name="facts"/>, <paramref name="chunks"/> (in the order they were written) and
    /// <paramref name="changes"/>, whose entries stay pending until the next checkpoint.
    /// </summary>
    public static CustomerProfile Read(ReadOnlySpan<byte> facts, IEnumerable<ReadOnlyMemory<byte>> chunks, ReadOnlySpan<byte> changes)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var reader = new PackedReader(facts);
        var profile = ReadFacts(ref reader);
        foreach (var chunk in chunks)
        {
            var entries = new PackedReader(chunk.Span);
            ReadEntries(ref entries, profile);
        }
        if (!changes.IsEmpty)
        {
            var pending = new PackedReader(changes);
            ReadEntries(ref pending, profile);
            // Still to be checkpointed: the same entries stay the profile's changes, as they were written.
            profile.Changes.Restore(changes);
        }
        profile.HistoryRestored();
        return profile;
    }

    public static void WriteFacts(CustomerProfile profile, PackedWriter writer)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Byte(Version);
        writer.String(profile.CustomerId);
        writer.UInt((ulong)profile.EventsApplied);
        writer.Timestamp(profile.UpdatedAt);

        var s = profile.Satisfaction;
        Stamped(writer, s.LatestCsat);
        Stamped(writer, s.LatestNps);
        Stamped(writer, s.LatestReview);
        writer.Bool(s.LatestSentiment.HasValue);
        if (s.LatestSentiment is { } sentiment)
        {
            writer.Int((int)sentiment.Value);
            writer.Timestamp(sentiment.At);
            writer.MessageId(sentiment.MessageId);
        }
        foreach (var count in (ReadOnlySpan<int>)[s.CsatCount, s.CsatSum, s.NpsCount, s.NpsSum, s.ReviewCount, s.ReviewSum, s.PositiveFeedback, s.NeutralFeedback, s.NegativeFeedback])
            writer.Int(count);

        var e = profile.Engagement;
        foreach (var count in (ReadOnlySpan<int>)[e.PageViews, e.ScreenViews, e.TrackedEvents, e.Shares, e.Comments, e.Referrals])
            writer.Int(count);
        writer.Timestamp(e.FirstSeen);
        writer.Timestamp(e.LastSeen);

        writer.Bool(profile.ArchivedOrders is not null);
        if (profile.ArchivedOrders is { } archive)
        {
            writer.Int(archive.Count);
            writer.Decimal(archive.Revenue);
            writer.Timestamp(archive.First);
            writer.Timestamp(archive.Last);
            writer.UInt((ulong)archive.Gaps.Count);
            foreach (var (days, count) in archive.Gaps)
            {
                writer.Int(days);
                writer.Int(count);
            }
            writer.Bool(archive.Days.HasValue);
            if (archive.Days is { } purchaseDays) writer.Int(purchaseDays);
            writer.Bool(archive.FirstDayRevenue.HasValue);
            if (archive.FirstDayRevenue is { } firstDayRevenue) writer.Decimal(firstDayRevenue);
        }

        writer.UInt((ulong)profile.AppliedMessages.Capacity);
        writer.UInt((ulong)profile.Classes.Count);
        ClassState? previous = null;
        foreach (var (dimension, state) in profile.Classes)
        {
            writer.Name(dimension);
            writer.Name(state.Value);
            writer.String(state.Reason);
            // Classes one event set share its time and message id: most of a profile's classes after its first event.
            var sameStamp = previous is not null && previous.Since.EqualsExact(state.Since) && previous.CausedBy == state.CausedBy;
            writer.Bool(sameStamp);
            if (!sameStamp)
            {
                writer.Timestamp(state.Since);
                writer.MessageId(state.CausedBy);
            }
            previous = state;
        }
    }

    public static void WriteChanges(CustomerProfile profile, PackedWriter writer)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(writer);
        var changes = profile.Changes.ToArray();
        writer.Raw(changes);
    }

    public static void WriteSnapshot(CustomerProfile profile, PackedWriter writer) => WriteSnapshot(profile, writer, boundaries: null);

    private static void WriteSnapshot(CustomerProfile profile, PackedWriter writer, List<int>? boundaries)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Byte(Version);
        void Mark() => boundaries?.Add(writer.Length);
        foreach (var key in profile.AppliedMessages.Keys) { Entries.MessageId(writer, key); Mark(); }
        foreach (var (orderId, order) in profile.Orders) { Entries.Order(writer, orderId, order); Mark(); }
        foreach (var (ticketId, ticket) in profile.Satisfaction.Tickets) { Entries.Ticket(writer, ticketId, ticket); Mark(); }
        foreach (var (key, trait) in profile.Traits) { Entries.Trait(writer, key, trait); Mark(); }
        foreach (var entry in profile.Timeline) { Entries.Timeline(writer, entry); Mark(); }
        foreach (var session in profile.Engagement.SessionHashes) { Entries.Session(writer, session); Mark(); }
        foreach (var identity in profile.Identities) { Entries.Id(writer, EntryTag.Identity, identity); Mark(); }
        foreach (var source in profile.MergedFrom) { Entries.Id(writer, EntryTag.MergedFrom, source); Mark(); }
    }

    private static CustomerProfile ReadFacts(ref PackedReader reader)
    {
        var version = CheckVersion(reader.Byte());
        var profile = CustomerProfile.Create(reader.RequiredString());
        profile.EventsApplied = (long)reader.UInt();
        profile.UpdatedAt = reader.NullableTimestamp();

        var s = profile.Satisfaction;
        s.LatestCsat = ReadStamped(ref reader);
        s.LatestNps = ReadStamped(ref reader);
        s.LatestReview = ReadStamped(ref reader);
        if (reader.Bool())
        {
            var sentiment = (Sentiment)reader.Int32();
            var at = reader.Timestamp();
            s.LatestSentiment = new Stamped<Sentiment>(sentiment, at, reader.MessageId() ?? "");
        }
        s.CsatCount = reader.Int32();
        s.CsatSum = reader.Int32();
        s.NpsCount = reader.Int32();
        s.NpsSum = reader.Int32();
        s.ReviewCount = reader.Int32();
        s.ReviewSum = reader.Int32();
        s.PositiveFeedback = reader.Int32();
        s.NeutralFeedback = reader.Int32();
        s.NegativeFeedback = reader.Int32();

        var e = profile.Engagement;
        e.PageViews = reader.Int32();
        e.ScreenViews = reader.Int32();
        e.TrackedEvents = reader.Int32();
        e.Shares = reader.Int32();
        e.Comments = reader.Int32();
        e.Referrals = reader.Int32();
        e.FirstSeen = reader.NullableTimestamp();
        e.LastSeen = reader.NullableTimestamp();

        if (reader.Bool())
        {
            var archive = new OrderArchive
            {
                Count = reader.Int32(),
                Revenue = reader.Decimal(),
                First = reader.NullableTimestamp(),
                Last = reader.NullableTimestamp(),
            };
            var gaps = reader.Count();
            for (var i = 0; i < gaps; i++) archive.Gaps[reader.Int32()] = reader.Int32();
            // Before version 3 the archive kept no purchase days: they are estimated (OrderArchive.EstimatedDays).
            if (version >= 3)
            {
                archive.Days = reader.Bool() ? reader.Int32() : null;
                archive.FirstDayRevenue = reader.Bool() ? reader.Decimal() : null;
            }
            profile.ArchivedOrders = archive;
        }

        // A window stored smaller than today's (1,000 before a full batch had to fit) grows to today's.
        profile.AppliedMessages.Capacity = Math.Max(reader.Count(), MessageIdWindow.DefaultCapacity);
        // Every applied event left its id (merges add more, and the window may have grown since): one ring, not doublings.
        profile.AppliedMessages.Reserve((int)Math.Min(profile.EventsApplied, int.MaxValue));
        var classes = reader.Count();
        ClassState? previous = null;
        for (var i = 0; i < classes; i++)
        {
            if (version == 1)
            {
                var dimension = reader.RequiredString();
                var value = reader.RequiredString();
                var reason = reader.String();
                var since = reader.Timestamp();
                profile.Classes[dimension] = new ClassState(value, reason, since, reader.MessageId());
            }
            else
            {
                var dimension = reader.RequiredName();
                var value = reader.RequiredName();
                var reason = reader.String();
                var state = reader.Bool()
                    ? new ClassState(value, reason, (previous ?? throw new FormatException("The first packed class cannot repeat a stamp.")).Since, previous.CausedBy)
                    : new ClassState(value, reason, reader.Timestamp(), reader.MessageId());
                profile.Classes[dimension] = previous = state;
            }
        }
        return profile;
    }

    private static void ReadEntries(ref PackedReader reader, CustomerProfile profile)
    {
        CheckVersion(reader.Byte());
        while (!reader.End)
        {
            switch ((EntryTag)reader.Byte())
            {
                case EntryTag.MessageId:
                    profile.AppliedMessages.Restore(reader.MessageKey());
                    break;
                case EntryTag.Order:
                {
                    var orderId = reader.RequiredString();
                    profile.Orders[orderId] = new OrderRecord
                    {
                        CompletedAt = reader.NullableTimestamp(),
                        Revenue = reader.Decimal(),
                        CompletionMessageId = reader.MessageId(),
                        Refunded = reader.Decimal(),
                    };
                    var flags = reader.Byte();
                    profile.Orders[orderId].FullyRefunded = (flags & 1) != 0;
                    profile.Orders[orderId].Cancelled = (flags & 2) != 0;
                    break;
                }
                case EntryTag.OrderRemoved:
                {
                    var orderId = reader.RequiredString();
                    profile.Orders.Remove(orderId);
                    break;
                }
                case EntryTag.Ticket:
                {
                    var ticketId = reader.RequiredString();
                    profile.Satisfaction.Tickets[ticketId] = new TicketRecord
                    {
                        OpenedAt = reader.NullableTimestamp(),
                        ResolvedAt = reader.NullableTimestamp(),
                        SlaBreached = reader.Bool(),
                    };
                    break;
                }
                case EntryTag.TicketRemoved:
                {
                    var ticketId = reader.RequiredString();
                    profile.Satisfaction.Tickets.Remove(ticketId);
                    break;
                }
                case EntryTag.Trait:
                {
                    var key = reader.RequiredString();
                    var value = reader.RequiredString();
                    var at = reader.Timestamp();
                    profile.Traits[key] = new Stamped<string>(value, at, reader.MessageId() ?? "");
                    break;
                }
                case EntryTag.Timeline:
                {
                    var messageId = reader.MessageId() ?? "";
                    var timestamp = reader.Timestamp();
                    var kind = reader.RequiredString();
                    profile.RestoreTimeline(new TimelineEntry(messageId, timestamp, kind, reader.RequiredString()));
                    break;
                }
                case EntryTag.Session:
                {
                    var session = reader.Fixed64();
                    profile.Engagement.AddSession(session);
                    break;
                }
                case EntryTag.Identity:
                {
                    var identity = reader.RequiredString();
                    profile.Identities.Add(identity);
                    break;
                }
                case EntryTag.MergedFrom:
                {
                    var source = reader.RequiredString();
                    profile.MergedFrom.Add(source);
                    break;
                }
                case var other:
                    throw new FormatException($"Unknown history entry kind {(byte)other} in a packed profile.");
            }
        }
    }

    private static byte CheckVersion(byte version) =>
        version is 0 or > Version ? throw new FormatException($"Packed profile version {version} is not known (this reader knows 1 to {Version}).") : version;

    private static void Stamped(PackedWriter writer, Stamped<int>? value)
    {
        writer.Bool(value.HasValue);
        if (value is not { } v) return;
        writer.Int(v.Value);
        writer.Timestamp(v.At);
        writer.MessageId(v.MessageId);
    }

    private static Stamped<int>? ReadStamped(ref PackedReader reader)
    {
        if (!reader.Bool()) return null;
        var value = reader.Int32();
        var at = reader.Timestamp();
        return new Stamped<int>(value, at, reader.MessageId() ?? "");
    }
}
