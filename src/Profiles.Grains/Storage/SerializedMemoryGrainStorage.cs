using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Profiles.Grains.Storage;

/// <summary>
/// In-memory grain storage for one silo: every state is kept as the bytes its serializer writes, with an ETag checked on
/// every write and clear, as durable storage does. Unlike Orleans' <c>MemoryGrainStorage</c> there is no storage grain
/// between the grain and its bytes (no grain call and deep copy of the state per write): a write is a serialization and a
/// dictionary update on the writer's own thread. Nothing survives the process; a cluster of several silos needs durable
/// storage anyway (each silo would have its own copy).
/// </summary>
public sealed class SerializedMemoryGrainStorage(IGrainStorageSerializer serializer, IActivatorProvider activators) : IGrainStorage
{
    // A slot per state, its entry swapped by compare-and-exchange: a write to a stored state takes no lock (the
    // dictionary's bucket locks were the most contended of the silo under ingest load). Only a state's first write and
    // its clear change the dictionary.
    private readonly ConcurrentDictionary<(string StateName, GrainId GrainId), Slot> _slots = new();
    private long _lastETag;
    private long _bytesWritten;

    /// <summary>States stored.</summary>
    public int Count => _slots.Values.Count(slot => Volatile.Read(ref slot.Entry) is { } entry && !ReferenceEquals(entry, Entry.Cleared));

    /// <summary>Serialized bytes of every write so far (what a durable store would have been sent).</summary>
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (Stored((stateName, grainId)) is { } entry)
        {
            grainState.State = serializer.Deserialize<T>(entry.Data);
            grainState.ETag = entry.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = activators.GetActivator<T>().Create();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = (stateName, grainId);
        var written = new Entry(serializer.Serialize(grainState.State), NextETag());
        Interlocked.Add(ref _bytesWritten, written.Data.ToMemory().Length);
        while (true)
        {
            var slot = _slots.GetOrAdd(key, static _ => new Slot());
            var current = Volatile.Read(ref slot.Entry);
            // A slot being cleared is about to leave the dictionary: the write goes to the one that replaces it.
            if (ReferenceEquals(current, Entry.Cleared)) continue;
            if (current?.ETag != grainState.ETag) return Task.FromException(Inconsistent(stateName, grainId, grainState.ETag));
            if (ReferenceEquals(Interlocked.CompareExchange(ref slot.Entry, written, current), current)) break;
        }
        grainState.ETag = written.ETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = (stateName, grainId);
        if (_slots.TryGetValue(key, out var slot) && Volatile.Read(ref slot.Entry) is { } current && !ReferenceEquals(current, Entry.Cleared))
        {
            if (current.ETag != grainState.ETag || !ReferenceEquals(Interlocked.CompareExchange(ref slot.Entry, Entry.Cleared, current), current))
                return Task.FromException(Inconsistent(stateName, grainId, grainState.ETag));
            // Nothing of the state stays behind, not even its key.
            _slots.TryRemove(KeyValuePair.Create(key, slot));
        }
        else if (grainState.ETag is not null)
        {
            return Task.FromException(Inconsistent(stateName, grainId, grainState.ETag));
        }
        grainState.State = activators.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private Entry? Stored((string, GrainId) key) =>
        _slots.TryGetValue(key, out var slot) && Volatile.Read(ref slot.Entry) is { } entry && !ReferenceEquals(entry, Entry.Cleared) ? entry : null;

    private string NextETag() => Interlocked.Increment(ref _lastETag).ToString(CultureInfo.InvariantCulture);

    private InconsistentStateException Inconsistent(string stateName, GrainId grainId, string? expected) =>
        new($"The stored state '{stateName}' of {grainId} does not match the ETag '{expected ?? "(none)"}' the grain holds; another activation changed it.",
            Stored((stateName, grainId))?.ETag ?? "(none)", expected ?? "(none)");

    private sealed record Entry(BinaryData Data, string ETag)
    {
        /// <summary>The mark of a slot whose state was cleared and that is leaving the dictionary.</summary>
        public static readonly Entry Cleared = new(BinaryData.Empty, "");
    }

    private sealed class Slot
    {
        /// <summary>The stored state; null before the first write, <see cref="Entry.Cleared"/> once cleared.</summary>
        public Entry? Entry;
    }
}
