using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;

namespace Profiles.AzureStorage.Storage;

/// <summary>
/// The official <see cref="AzureTableGrainStorage"/> with the three things it lacks that Profiles relies on: grain keys
/// made safe for hostile ids (<see cref="AzureTableGrainKeys"/>), the storage-write metric
/// (<see cref="AzureTableStorageMetrics"/>), and a <see cref="GrainStateTooLargeException"/> that names the state, its
/// size and the limit when a state does not fit in one row. Everything else — the table layout, ETags, the serializer,
/// errors — is the official provider's.
/// </summary>
public sealed partial class GuardedGrainStorage(
    string name,
    IGrainStorage inner,
    string serviceId,
    ILogger<GuardedGrainStorage> logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Largest serialized state one row holds: 15 binary columns of 64 KiB (983,040 bytes), as the official provider counts.</summary>
    public const int MaxStateSize = 15 * 64 * 1024;

    /// <summary>The wrapped provider.</summary>
    public IGrainStorage Inner => inner;

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, Safe(grainId), grainState);

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ReadStateAsync(stateName, Safe(grainId), grainState, cancellationToken);

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        try
        {
            await inner.WriteStateAsync(stateName, Safe(grainId), grainState, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentOutOfRangeException exception) when (exception.ParamName == "dataSize")
        {
            // The official provider checks the size before it sends anything: the row and its ETag are as they were.
            LogTooLarge(name, stateName, grainId, exception.ActualValue);
            throw new GrainStateTooLargeException(
                $"Grain storage '{name}' cannot store state '{stateName}' of {grainId}: it serializes to {exception.ActualValue:N0} bytes, " +
                $"over the Azure Table limit of {MaxStateSize:N0} bytes (15 columns of 64 KiB). Nothing was written.");
        }

        AzureTableStorageMetrics.WriteStored(name);
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, Safe(grainId), grainState);

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ClearStateAsync(stateName, Safe(grainId), grainState, cancellationToken);

    private GrainId Safe(GrainId grainId) => AzureTableGrainKeys.SafeGrainId(serviceId, grainId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain storage {Name}: state {StateName} of {GrainId} is {Size} bytes, over the row limit; not written")]
    private partial void LogTooLarge(string name, string stateName, GrainId grainId, object? size);
}
