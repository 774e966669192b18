using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Serialization;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Serializers;
using Orleans.Serialization.Session;
using Orleans.Storage;

namespace Profiles.Grains.Storage;

/// <summary>
/// In-memory grain storage for one silo: every state is kept as the bytes of Orleans' binary serializer (what
/// <see cref="OrleansGrainStorageSerializer"/> writes), with an ETag checked on every write and clear, as durable storage
/// does. Unlike Orleans' <c>MemoryGrainStorage</c> there is no storage grain between the grain and its bytes (no grain
/// call and deep copy of the state per write): a write is a serialization and a copy on the writer's own thread. Nothing
/// survives the process; a cluster of several silos needs durable storage anyway (each silo would have its own copy).
/// </summary>
/// <remarks>
/// A state's bytes are copied into the array its slot already holds when they fit (arrays are sized in steps of
/// <see cref="Granule"/> bytes, so a state that grows a little keeps its array): a write allocates nothing that outlives
/// it. A fresh array per write lived until the customer's next write, seconds later, and so was promoted by every
/// collection in between — the largest part of what the silo's collections copied under ingest load.
/// </remarks>
public sealed class SerializedMemoryGrainStorage(Serializer serializer, SerializerSessionPool sessions, IActivatorProvider activators) : IGrainStorage
{
    /// <summary>Arrays of stored states are sized in multiples of this many bytes.</summary>
    public const int Granule = 64;

    // A slot per state, locked by its writer: slots of different states never contend (the dictionary's bucket locks,
    // taken on every write, were the most contended lock of the silo under ingest load). Only a state's first write and
    // its clear change the dictionary.
    private readonly ConcurrentDictionary<(string StateName, GrainId GrainId), Slot> _slots = new();
    private long _lastETag;
    private long _bytesWritten;

    /// <summary>States stored.</summary>
    public int Count => _slots.Values.Count(slot => slot.ETag is not null);

    /// <summary>Serialized bytes of every write so far (what a durable store would have been sent).</summary>
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (_slots.TryGetValue((stateName, grainId), out var slot))
        {
            lock (slot)
            {
                if (slot.ETag is { } etag)
                {
                    grainState.State = serializer.Deserialize<T>(slot.Data.AsSpan(0, slot.Length));
                    grainState.ETag = etag;
                    grainState.RecordExists = true;
                    return Task.CompletedTask;
                }
            }
        }
        grainState.State = activators.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = (stateName, grainId);
        // Serialized into Orleans' pooled buffer before the slot is touched: a state that cannot be serialized leaves the
        // stored one as it was.
        using var session = sessions.GetSession();
        var writer = Writer.CreatePooled(session);
        try
        {
            serializer.Serialize(grainState.State, ref writer);
            var length = writer.Output.Length;
            Interlocked.Add(ref _bytesWritten, length);
            while (true)
            {
                var slot = _slots.GetOrAdd(key, static _ => new Slot());
                lock (slot)
                {
                    // A slot cleared meanwhile has left the dictionary: the write goes to the one that replaces it.
                    if (slot.Removed) continue;
                    if (slot.ETag != grainState.ETag) return Task.FromException(Inconsistent(stateName, grainId, slot.ETag, grainState.ETag));
                    if (slot.Data.Length < length) slot.Data = new byte[(length + Granule - 1) / Granule * Granule];
                    writer.Output.CopyTo(slot.Data.AsSpan(0, length));
                    slot.Length = length;
                    slot.ETag = NextETag();
                    grainState.ETag = slot.ETag;
                    grainState.RecordExists = true;
                    return Task.CompletedTask;
                }
            }
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = (stateName, grainId);
        if (_slots.TryGetValue(key, out var slot))
        {
            lock (slot)
            {
                if (!slot.Removed && slot.ETag is not null)
                {
                    if (slot.ETag != grainState.ETag) return Task.FromException(Inconsistent(stateName, grainId, slot.ETag, grainState.ETag));
                    // Nothing of the state stays behind, not even its key.
                    slot.Removed = true;
                    slot.ETag = null;
                    slot.Data = [];
                    _slots.TryRemove(KeyValuePair.Create(key, slot));
                    return Cleared(grainState);
                }
            }
        }
        return grainState.ETag is null ? Cleared(grainState) : Task.FromException(Inconsistent(stateName, grainId, null, grainState.ETag));
    }

    private Task Cleared<T>(IGrainState<T> grainState)
    {
        grainState.State = activators.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private string NextETag() => Interlocked.Increment(ref _lastETag).ToString(CultureInfo.InvariantCulture);

    private static InconsistentStateException Inconsistent(string stateName, GrainId grainId, string? stored, string? expected) =>
        new($"The stored state '{stateName}' of {grainId} does not match the ETag '{expected ?? "(none)"}' the grain holds; another activation changed it.",
            stored ?? "(none)", expected ?? "(none)");

    private sealed class Slot
    {
        /// <summary>The state's bytes: the first <see cref="Length"/> of them.</summary>
        public byte[] Data = [];

        public int Length;

        /// <summary>The stored state's ETag; null before its first write.</summary>
        public string? ETag;

        /// <summary>Set once the state was cleared and the slot left the dictionary.</summary>
        public bool Removed;
    }
}
