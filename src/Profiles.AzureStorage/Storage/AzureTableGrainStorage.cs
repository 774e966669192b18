using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Profiles.AzureStorage.Providers;

namespace Profiles.AzureStorage.Storage;

/// <summary>
/// Orleans grain storage on Azure Table storage, in the table layout of the official
/// <c>Microsoft.Orleans.Persistence.AzureStorage</c> provider (binary mode): one row per grain and state name,
/// the serialized state split over the binary columns <c>Data</c>, <c>Data1</c> ... <c>Data14</c>.
/// </summary>
/// <remarks>
/// Keys follow <see cref="AzureTableGrainKeys"/>: official for ordinary ids, a collision-free escape for ids with characters
/// Azure forbids. Every write is conditional on the ETag the grain last saw; a mismatch throws <see cref="InconsistentStateException"/>.
/// Storage failures other than ETag conflicts are not caught: they reach the caller as they are.
/// </remarks>
public sealed partial class AzureTableGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Largest chunk stored in one binary column (Azure's limit for a binary property).</summary>
    public const int MaxChunkSize = 64 * 1024;

    /// <summary>Number of binary columns: <c>Data</c> and <c>Data1</c> ... <c>Data14</c>.</summary>
    public const int MaxChunkCount = 15;

    /// <summary>Largest serialized state that can be stored: 15 x 64 KiB = 983,040 bytes.</summary>
    public const int MaxStateSize = MaxChunkSize * MaxChunkCount;

    private const string BinaryColumn = "Data";
    private const string StringColumn = "StringData";

    private static readonly string[] BinaryColumns = ColumnNames(BinaryColumn);
    private static readonly string[] StringColumns = ColumnNames(StringColumn);

    private readonly string _name;
    private readonly AzureTableGrainStorageOptions _options;
    private readonly string _serviceId;
    private readonly IActivatorProvider _activatorProvider;
    private readonly ILogger<AzureTableGrainStorage> _logger;
    private readonly Lazy<TableClient> _table;

    /// <summary>Creates the storage; the table is created by <see cref="InitializeAsync"/> at silo start.</summary>
    public AzureTableGrainStorage(
        string name,
        AzureTableGrainStorageOptions options,
        IOptions<ClusterOptions> clusterOptions,
        IActivatorProvider activatorProvider,
        ILogger<AzureTableGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clusterOptions);
        _name = name;
        _options = options;
        _serviceId = clusterOptions.Value.ServiceId;
        _activatorProvider = activatorProvider;
        _logger = logger;
        _table = new Lazy<TableClient>(() => options.CreateServiceClient().GetTableClient(options.TableName));
    }

    private IGrainStorageSerializer Serializer => _options.GrainStorageSerializer
        ?? throw new InvalidOperationException(
            $"{nameof(AzureTableGrainStorageOptions)}.{nameof(AzureTableGrainStorageOptions.GrainStorageSerializer)} of grain storage '{_name}' is not set.");

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(OptionFormattingUtilities.Name<AzureTableGrainStorage>(_name), _options.InitStage, InitializeAsync);

    /// <summary>Creates the table if it does not exist yet (an existing table is fine).</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        LogInitializing(_name, _options.TableName);
        await _table.Value.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var (partitionKey, rowKey) = Keys(stateName, grainId);
        var response = await _table.Value.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!response.HasValue || response.Value is null)
        {
            grainState.State = CreateDefault<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var entity = response.Value;
        var data = ReadData(entity);
        grainState.ETag = entity.ETag.ToString();
        if (data is null)
        {
            // A cleared row: it exists (and guards the ETag) but holds no state.
            grainState.State = CreateDefault<T>();
            grainState.RecordExists = false;
            return;
        }

        grainState.State = Serializer.Deserialize<T>(data);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var (partitionKey, rowKey) = Keys(stateName, grainId);
        var data = Serializer.Serialize(grainState.State);
        var entity = new TableEntity(partitionKey, rowKey);
        WriteData(entity, data.ToMemory(), stateName, grainId);

        var etag = await PutAsync(entity, grainState.ETag, stateName, grainId, cancellationToken).ConfigureAwait(false);
        AzureTableStorageMetrics.WriteStored(_name);
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var (partitionKey, rowKey) = Keys(stateName, grainId);
        if (_options.DeleteStateOnClear)
        {
            await DeleteAsync(partitionKey, rowKey, grainState.ETag, stateName, grainId, cancellationToken).ConfigureAwait(false);
            grainState.ETag = null;
        }
        else
        {
            // As the official provider: keep the row with no data, so a stale writer still conflicts.
            grainState.ETag = await PutAsync(new TableEntity(partitionKey, rowKey), grainState.ETag, stateName, grainId, cancellationToken)
                .ConfigureAwait(false);
        }

        grainState.State = CreateDefault<T>();
        grainState.RecordExists = false;
    }

    private (string PartitionKey, string RowKey) Keys(string stateName, GrainId grainId) =>
        (AzureTableGrainKeys.PartitionKey(_serviceId, grainId), AzureTableGrainKeys.RowKey(stateName));

    private async Task<string> PutAsync(TableEntity entity, string? expectedETag, string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        try
        {
            var response = expectedETag is null
                ? await _table.Value.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
                : await _table.Value.UpdateEntityAsync(entity, new ETag(expectedETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag?.ToString()
                ?? throw new InvalidOperationException($"Azure Table storage returned no ETag for the write of '{stateName}' of {grainId}.");
        }
        catch (RequestFailedException exception) when (IsConditionFailure(exception))
        {
            LogConflict(_name, stateName, grainId, expectedETag, exception.Status);
            throw Inconsistent(stateName, grainId, expectedETag, exception);
        }
    }

    private async Task DeleteAsync(string partitionKey, string rowKey, string? expectedETag, string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        if (expectedETag is null)
        {
            // The caller believes there is no row; if someone wrote one, that is a conflict, not something to delete blindly.
            var existing = await _table.Value.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, ["PartitionKey"], cancellationToken)
                .ConfigureAwait(false);
            if (existing.HasValue)
            {
                LogConflict(_name, stateName, grainId, expectedETag, 409);
                throw Inconsistent(stateName, grainId, expectedETag, null);
            }

            return;
        }

        try
        {
            await _table.Value.DeleteEntityAsync(partitionKey, rowKey, new ETag(expectedETag), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (IsConditionFailure(exception))
        {
            LogConflict(_name, stateName, grainId, expectedETag, exception.Status);
            throw Inconsistent(stateName, grainId, expectedETag, exception);
        }
    }

    private static bool IsConditionFailure(RequestFailedException exception) =>
        exception.Status is 404 or 409 or 412;

    private InconsistentStateException Inconsistent(string stateName, GrainId grainId, string? expectedETag, Exception? inner)
    {
        var message =
            $"Grain storage '{_name}': the stored state '{stateName}' of {grainId} in table {_options.TableName} does not match " +
            $"the ETag '{expectedETag ?? "(none)"}' the grain holds; another activation or writer changed it.";
        return inner is null
            ? new InconsistentStateException(message, "Unknown", expectedETag ?? string.Empty)
            : new InconsistentStateException(message, "Unknown", expectedETag ?? string.Empty, inner);
    }

    private void WriteData(TableEntity entity, ReadOnlyMemory<byte> data, string stateName, GrainId grainId)
    {
        if (data.Length > MaxStateSize)
        {
            throw new GrainStateTooLargeException(
                $"Grain storage '{_name}' cannot store state '{stateName}' of {grainId}: it serializes to {data.Length:N0} bytes, " +
                $"over the Azure Table limit of {MaxStateSize:N0} bytes ({MaxChunkCount} columns of {MaxChunkSize / 1024} KiB). Nothing was written.");
        }

        var column = 0;
        for (var offset = 0; offset < data.Length; offset += MaxChunkSize)
        {
            var length = Math.Min(MaxChunkSize, data.Length - offset);
            entity[BinaryColumns[column++]] = data.Slice(offset, length).ToArray();
        }
    }

    /// <summary>Reads the binary columns, else the string columns of the official string mode; null when there is no data.</summary>
    private static BinaryData? ReadData(TableEntity entity)
    {
        var chunks = new List<byte[]>();
        foreach (var column in BinaryColumns)
        {
            if (entity.TryGetValue(column, out var value))
            {
                var bytes = value switch
                {
                    byte[] b => b,
                    BinaryData b => b.ToArray(),
                    string s when s.Length > 0 => Convert.FromBase64String(s),
                    _ => null,
                };
                if (bytes is { Length: > 0 })
                {
                    chunks.Add(bytes);
                }
            }
        }

        if (chunks.Count > 0)
        {
            var result = new byte[chunks.Sum(c => c.Length)];
            var offset = 0;
            foreach (var chunk in chunks)
            {
                chunk.CopyTo(result, offset);
                offset += chunk.Length;
            }

            return new BinaryData(result);
        }

        var text = string.Concat(StringColumns.Select(column => entity.GetString(column)).Where(s => !string.IsNullOrEmpty(s)));
        return text.Length > 0 ? BinaryData.FromString(text) : null;
    }

    private T CreateDefault<T>() => _activatorProvider.GetActivator<T>().Create();

    private static string[] ColumnNames(string prefix) =>
        [prefix, .. Enumerable.Range(1, MaxChunkCount - 1).Select(i => $"{prefix}{i}")];

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain storage {Name}: ensuring table {TableName} exists")]
    private partial void LogInitializing(string name, string tableName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain storage {Name}: ETag conflict on state {StateName} of {GrainId} (held ETag {ETag}, status {Status})")]
    private partial void LogConflict(string name, string stateName, GrainId grainId, string? etag, int status);
}
