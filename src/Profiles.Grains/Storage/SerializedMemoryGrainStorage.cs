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
    private readonly ConcurrentDictionary<(string StateName, GrainId GrainId), Entry> _entries = new();
    private long _lastETag;
    private long _bytesWritten;

    /// <summary>States stored.</summary>
    public int Count => _entries.Count;

    /// <summary>Serialized bytes of every write so far (what a durable store would have been sent).</summary>
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (_entries.TryGetValue((stateName, grainId), out var entry))
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
        var stored = grainState.ETag is null
            ? _entries.TryAdd(key, written)
            : _entries.TryGetValue(key, out var current) && current.ETag == grainState.ETag && _entries.TryUpdate(key, written, current);
        if (!stored) return Task.FromException(Inconsistent(stateName, grainId, grainState.ETag));
        grainState.ETag = written.ETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = (stateName, grainId);
        if (_entries.TryGetValue(key, out var current))
        {
            if (current.ETag != grainState.ETag || !_entries.TryRemove(KeyValuePair.Create(key, current)))
                return Task.FromException(Inconsistent(stateName, grainId, grainState.ETag));
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

    private string NextETag() => Interlocked.Increment(ref _lastETag).ToString(CultureInfo.InvariantCulture);

    private InconsistentStateException Inconsistent(string stateName, GrainId grainId, string? expected) =>
        new($"The stored state '{stateName}' of {grainId} does not match the ETag '{expected ?? "(none)"}' the grain holds; another activation changed it.",
            _entries.TryGetValue((stateName, grainId), out var stored) ? stored.ETag : "(none)", expected ?? "(none)");

    private sealed record Entry(BinaryData Data, string ETag);
}
