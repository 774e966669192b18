using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;
using Profiles.Domain.Profiles;
using Profiles.Domain.Profiles.Packing;

namespace Profiles.Grains.Customers.Storage;

/// <summary>
/// A customer's stored form, for its grain: the row (state <c>profile</c>: packed facts, the history changes since their
/// last checkpoint, the list of history chunks, the bookkeeping) and the history chunks (states <c>history.{n}</c>).
/// A write stores the row: what it costs grows with what changed, not with the customer's history. When the pending
/// changes pass <see cref="CheckpointBytes"/> they go into a new chunk first, and when there are more than
/// <see cref="MaxChunks"/> chunks they are compacted into a snapshot. The row names the chunks in force, so a
/// chunk written by a write that then failed is never read.
/// </summary>
/// <remarks>
/// In memory a customer is either its profile (expanded) or the bytes of its row (packed): a customer without chunks
/// whose row is at most <see cref="PackedBytes"/> is kept as those bytes between calls, and expanded again by the next.
/// The packed bytes live in one array of the store's, written over in place by the next pack when they fit (it is sized
/// in steps of <see cref="PackedGranule"/>): the facts and changes a write makes are dropped after it, so an idle
/// customer's drain leaves nothing new behind for the garbage collector to promote.
/// </remarks>
internal sealed partial class CustomerStore(IGrainStorage storage, GrainId grainId, string customerId, ILogger logger)
{
    /// <summary>The row's state name: the name of the first stored form too, so the packed row is written over it.</summary>
    public const string RowState = "profile";

    /// <summary>Pending changes beyond this many bytes are checkpointed into a chunk.</summary>
    public const int CheckpointBytes = 2048;

    /// <summary>More chunks than this are compacted into a snapshot.</summary>
    public const int MaxChunks = 16;

    /// <summary>The largest chunk a snapshot writes (an Azure Table row holds 983,040 bytes).</summary>
    public const int ChunkBytes = 256 * 1024;

    /// <summary>A customer without chunks whose row is at most this many bytes is kept packed between calls.</summary>
    public const int PackedBytes = 4096;

    /// <summary>The packed bytes' array is sized in multiples of this many bytes.</summary>
    public const int PackedGranule = 64;

    private const string ChunkPrefix = "history.";

    private static readonly byte[] NoChanges = [ProfileCodec.Version];

    private GrainState<CustomerRow> _row = new(new CustomerRow());
    private CustomerProfile? _profile;

    // While the profile is packed (_profile null and the row stored): its facts are _packed[.._factsLength], its changes
    // the next _changesLength bytes.
    private byte[] _packed = [];
    private int _factsLength;
    private int _changesLength;

    private CustomerRow Row => _row.State!;

    /// <summary>The grain's bookkeeping, stored with the profile.</summary>
    public CustomerBookkeeping Bookkeeping => Row.Bookkeeping;

    /// <summary>Whether storage holds a row for this customer.</summary>
    public bool IsStored => _row.RecordExists;

    /// <summary>The profile, expanded from the packed row when it was kept packed.</summary>
    public CustomerProfile Profile => _profile ??= Expand();

    /// <summary>The history chunks in force (for tests and the export's accounting).</summary>
    public IReadOnlyList<int> Chunks => Row.Chunks;

    /// <summary>Reads the row (and the chunks it names); a row of the first stored form is read as such.</summary>
    public async Task LoadAsync()
    {
        await storage.ReadStateAsync(RowState, grainId, _row);
        if (!_row.RecordExists)
        {
            _row.State = new CustomerRow();
            _profile = CustomerProfile.Create(customerId);
            return;
        }

        if (Row.Format == 0)
        {
            // The first stored form: the same row, read again as what it is. Its next write stores the packed form over it.
            var legacy = new GrainState<StoredProfileV1>(new StoredProfileV1());
            await storage.ReadStateAsync(RowState, grainId, legacy);
            var (profile, bookkeeping) = legacy.State!.Convert();
            if (string.IsNullOrEmpty(profile.CustomerId)) profile.CustomerId = customerId;
            _row = new GrainState<CustomerRow>(new CustomerRow { Bookkeeping = bookkeeping }) { ETag = legacy.ETag, RecordExists = legacy.RecordExists };
            _profile = profile;
            return;
        }

        if (Row.Format > CustomerRow.CurrentFormat)
            throw new InvalidOperationException($"The stored row of customer '{customerId}' is of form {Row.Format}, newer than this release reads ({CustomerRow.CurrentFormat}).");

        _profile = null;
        if (Row.Chunks.Count > 0)
        {
            var chunks = await Task.WhenAll(Row.Chunks.Select(ReadChunkAsync));
            _profile = ProfileCodec.Read(Row.Facts.Span, chunks.Select(s => (ReadOnlyMemory<byte>)s), ChangesOf(Row.Changes));
        }
        else
        {
            KeepPacked(Row.Facts.Span, ChangesOf(Row.Changes));
        }
        Row.Facts = Row.Changes = default;
    }

    private static ReadOnlySpan<byte> ChangesOf(ReadOnlyMemory<byte> changes) => changes.IsEmpty ? NoChanges : changes.Span;

    /// <summary>Stores the profile and the bookkeeping: one row write, and a chunk first when the changes are due a checkpoint.</summary>
    /// <param name="packIfSmall">Keep the customer as its row's bytes afterwards when they are small (an idle customer).</param>
    public async Task StoreAsync(bool packIfSmall = true)
    {
        var profile = Profile;
        var row = Row;
        row.Format = CustomerRow.CurrentFormat;
        // The facts are written into the thread's packed buffer and the changes are the profile's own buffer: the row
        // points at both for its write, so a write allocates neither (they are copied by the storage's serializer).
        var facts = PackedWriter.Rent();
        try
        {
            ProfileCodec.WriteFacts(profile, facts);
            var changes = profile.Changes.WrittenMemory;
            var checkpointed = false;
            List<int>? replaced = null;
            if (changes.Length > CheckpointBytes)
            {
                if (row.Chunks.Count >= MaxChunks || changes.Length > ChunkBytes)
                {
                    // Compaction: everything in fresh chunks, then the row names only them; the old ones go after the write.
                    var numbers = new List<int>();
                    foreach (var part in ProfileCodec.Snapshot(profile, ChunkBytes))
                    {
                        var number = row.NextChunk++;
                        await WriteChunkAsync(number, part);
                        numbers.Add(number);
                    }
                    replaced = row.Chunks;
                    row.Chunks = numbers;
                }
                else
                {
                    var number = row.NextChunk++;
                    await WriteChunkAsync(number, changes.ToArray());
                    row.Chunks.Add(number);
                }
                changes = NoChanges;
                checkpointed = true;
            }

            row.Facts = facts.WrittenMemory;
            row.Changes = changes;
            if (replaced is { Count: > 0 }) (row.Obsolete ??= []).AddRange(replaced);
            try
            {
                await storage.WriteStateAsync(RowState, grainId, _row);
            }
            finally
            {
                // Only the write reads them there; what stays in memory is the profile or its packed bytes.
                row.Facts = row.Changes = default;
            }
            if (packIfSmall && row.Chunks.Count == 0 && facts.Length + changes.Length <= PackedBytes) KeepPacked(facts.WrittenSpan, changes.Span);
            if (checkpointed) profile.Changes.Checkpoint();
        }
        finally
        {
            PackedWriter.Return(facts);
        }
        if (row.Obsolete is { Count: > 0 }) await DeleteObsoleteAsync(row);
    }

    /// <summary>
    /// Keeps the profile as the bytes of its row between calls when it has no chunks and they are at most
    /// <see cref="PackedBytes"/>: an idle small customer costs its packed bytes, not its expanded collections.
    /// </summary>
    public void Pack()
    {
        if (_profile is null || Row.Chunks.Count > 0) return;
        var writer = PackedWriter.Rent();
        try
        {
            ProfileCodec.WriteFacts(_profile, writer);
            var changes = _profile.Changes;
            if (writer.Length + changes.Length > PackedBytes) return;
            KeepPacked(writer.WrittenSpan, changes.WrittenMemory.Span);
        }
        finally
        {
            PackedWriter.Return(writer);
        }
    }

    /// <summary>Keeps the profile as <paramref name="facts"/> and <paramref name="changes"/>, in the store's packed array.</summary>
    private void KeepPacked(ReadOnlySpan<byte> facts, ReadOnlySpan<byte> changes)
    {
        var length = facts.Length + changes.Length;
        if (_packed.Length < length || _packed.Length > 2 * length + PackedGranule)
            _packed = new byte[(length + PackedGranule - 1) / PackedGranule * PackedGranule];
        facts.CopyTo(_packed);
        changes.CopyTo(_packed.AsSpan(facts.Length));
        (_factsLength, _changesLength) = (facts.Length, changes.Length);
        _profile = null;
    }

    /// <summary>Deletes every chunk and the row; the customer starts over with an empty profile.</summary>
    public async Task ClearAsync()
    {
        var row = Row;
        // The chunks first, the row last: a failure part-way leaves the row, and a repeated erasure finishes the job.
        var chunks = row.Chunks.Concat(row.Obsolete ?? []).Append(row.NextChunk).Distinct();
        foreach (var number in chunks) await DeleteChunkAsync(number);
        if (_row.RecordExists || _row.ETag is not null) await storage.ClearStateAsync(RowState, grainId, _row);
        _row = new GrainState<CustomerRow>(new CustomerRow());
        _profile = CustomerProfile.Create(customerId);
        _packed = [];
    }

    private async Task<byte[]> ReadChunkAsync(int number)
    {
        var chunk = new GrainState<HistoryChunkRow>(new HistoryChunkRow());
        await storage.ReadStateAsync(ChunkName(number), grainId, chunk);
        if (chunk.RecordExists && chunk.State is { } stored) return stored.Entries;
        // Only an erasure that failed part-way deletes a chunk the row still names; it is being erased again.
        LogChunkMissing(customerId, number);
        return NoChanges;
    }

    private async Task WriteChunkAsync(int number, byte[] entries)
    {
        var chunk = new GrainState<HistoryChunkRow>(new HistoryChunkRow { Entries = entries });
        try
        {
            await storage.WriteStateAsync(ChunkName(number), grainId, chunk);
        }
        catch (InconsistentStateException)
        {
            // Left by a write that failed after its chunk was stored: never named by the row, so it is overwritten.
            var existing = new GrainState<HistoryChunkRow>(new HistoryChunkRow());
            await storage.ReadStateAsync(ChunkName(number), grainId, existing);
            existing.State = chunk.State;
            await storage.WriteStateAsync(ChunkName(number), grainId, existing);
        }
    }

    private async Task DeleteObsoleteAsync(CustomerRow row)
    {
        try
        {
            var obsolete = row.Obsolete!;
            foreach (var number in obsolete.ToList())
            {
                await DeleteChunkAsync(number);
                obsolete.Remove(number);
            }
            // The row still lists what was deleted until its next write; deleting a missing chunk is no error.
        }
        catch (Exception e)
        {
            LogObsoleteNotDeleted(e, customerId);
        }
    }

    private async Task DeleteChunkAsync(int number)
    {
        var chunk = new GrainState<HistoryChunkRow>(new HistoryChunkRow());
        await storage.ReadStateAsync(ChunkName(number), grainId, chunk);
        if (chunk.RecordExists) await storage.ClearStateAsync(ChunkName(number), grainId, chunk);
    }

    private CustomerProfile Expand()
    {
        if (_factsLength == 0) return CustomerProfile.Create(customerId);
        var packed = _packed.AsSpan(0, _factsLength + _changesLength);
        return ProfileCodec.Read(packed[.._factsLength], [], _changesLength == 0 ? NoChanges : packed[_factsLength..]);
    }

    private static string ChunkName(int number) => ChunkPrefix + number.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer {CustomerId}: history chunk {Chunk} named by its row is missing; read as empty")]
    private partial void LogChunkMissing(string customerId, int chunk);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer {CustomerId}: replaced history chunks could not be deleted yet; the next write tries again")]
    private partial void LogObsoleteNotDeleted(Exception exception, string customerId);
}
