using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Profiles.AzureStorage.Providers;

namespace Profiles.AzureStorage.Membership;

/// <summary>
/// Orleans cluster membership on Azure Table storage, in the table layout of the official
/// <c>Microsoft.Orleans.Clustering.AzureStorage</c> provider (see <see cref="SiloInstanceRows"/>).
/// Inserts and updates of a silo row go in one entity-group transaction with the version row, conditional on the version
/// row's ETag, so a stale view of the table never overwrites a newer one.
/// </summary>
public sealed partial class AzureTableMembershipTable : IMembershipTable
{
    private const int MaxTransactionSize = 100;

    private readonly AzureTableClusteringOptions _options;
    private readonly string _clusterId;
    private readonly ILogger<AzureTableMembershipTable> _logger;
    private readonly Lazy<TableClient> _table;

    /// <summary>Creates the membership table for the silo's cluster id.</summary>
    public AzureTableMembershipTable(
        IOptions<AzureTableClusteringOptions> options,
        IOptions<ClusterOptions> clusterOptions,
        ILogger<AzureTableMembershipTable> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clusterOptions);
        _options = options.Value;
        _clusterId = clusterOptions.Value.ClusterId;
        _logger = logger;
        _table = new Lazy<TableClient>(() => _options.CreateServiceClient().GetTableClient(_options.TableName));
    }

    private TableClient Table => _table.Value;

    /// <inheritdoc />
    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        await Table.CreateIfNotExistsAsync().ConfigureAwait(false);
        if (!tryInitTableVersion)
        {
            return;
        }

        try
        {
            await Table.AddEntityAsync(SiloInstanceRows.VersionRow(_clusterId, 0)).ConfigureAwait(false);
            LogCreatedVersionRow(_clusterId, _options.TableName);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            // Another silo created it first; all that matters is that it exists.
        }
    }

    /// <inheritdoc />
    public async Task DeleteMembershipTableEntries(string clusterId)
    {
        var rows = await QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {clusterId}"), ["PartitionKey", "RowKey"]).ConfigureAwait(false);
        await DeleteRowsAsync(rows).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        var rows = await QueryAsync(PartitionFilter(), null).ConfigureAwait(false);
        var defunct = rows
            .Where(row => row.RowKey != SiloInstanceRows.VersionRowKey)
            .Where(row => !string.Equals(row.GetString(SiloInstanceRows.Status), nameof(SiloStatus.Active), StringComparison.Ordinal))
            .Where(row => SiloInstanceRows.ParseDate(row.GetString(SiloInstanceRows.IAmAliveTime)) < beforeDate.UtcDateTime)
            .ToList();
        await DeleteRowsAsync(defunct).ConfigureAwait(false);
        LogCleanedUp(defunct.Count, _clusterId, beforeDate);
    }

    /// <inheritdoc />
    public async Task<MembershipTableData> ReadRow(SiloAddress key)
    {
        var rowKey = SiloInstanceRows.RowKey(key);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {_clusterId} and (RowKey eq {rowKey} or RowKey eq {SiloInstanceRows.VersionRowKey})");
        return ToTableData(await QueryAsync(filter, null).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<MembershipTableData> ReadAll() =>
        ToTableData(await QueryAsync(PartitionFilter(), null).ConfigureAwait(false));

    /// <inheritdoc />
    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        var row = SiloInstanceRows.FromEntry(_clusterId, entry);
        return SubmitWithVersionAsync(new TableTransactionAction(TableTransactionActionType.Add, row), tableVersion);
    }

    /// <inheritdoc />
    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        if (string.IsNullOrEmpty(etag))
        {
            return Task.FromResult(false);
        }

        var row = SiloInstanceRows.FromEntry(_clusterId, entry);
        return SubmitWithVersionAsync(new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, new ETag(etag)), tableVersion);
    }

    /// <inheritdoc />
    public async Task UpdateIAmAlive(MembershipEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await Table.UpdateEntityAsync(SiloInstanceRows.IAmAliveOnly(_clusterId, entry), ETag.All, TableUpdateMode.Merge).ConfigureAwait(false);
    }

    private async Task<bool> SubmitWithVersionAsync(TableTransactionAction siloAction, TableVersion tableVersion)
    {
        var versionRow = SiloInstanceRows.VersionRow(_clusterId, tableVersion.Version);
        var versionAction = string.IsNullOrEmpty(tableVersion.VersionEtag)
            ? new TableTransactionAction(TableTransactionActionType.Add, versionRow)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, versionRow, new ETag(tableVersion.VersionEtag));
        try
        {
            await Table.SubmitTransactionAsync([siloAction, versionAction]).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException exception) when (exception.Status is 404 or 409 or 412)
        {
            LogContention(siloAction.Entity.RowKey, tableVersion.Version, exception.Status);
            return false;
        }
    }

    private async Task DeleteRowsAsync(IReadOnlyList<TableEntity> rows)
    {
        foreach (var partition in rows.GroupBy(row => row.PartitionKey))
        {
            foreach (var batch in partition.Chunk(MaxTransactionSize))
            {
                var actions = batch.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All));
                await Table.SubmitTransactionAsync(actions).ConfigureAwait(false);
            }
        }
    }

    private async Task<List<TableEntity>> QueryAsync(string filter, IEnumerable<string>? select)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: select).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }

    private string PartitionFilter() => TableClient.CreateQueryFilter($"PartitionKey eq {_clusterId}");

    private MembershipTableData ToTableData(List<TableEntity> rows)
    {
        var version = new TableVersion(0, string.Empty);
        var entries = new List<Tuple<MembershipEntry, string>>();
        foreach (var row in rows)
        {
            if (row.RowKey == SiloInstanceRows.VersionRowKey)
            {
                version = new TableVersion(SiloInstanceRows.ParseVersion(row), row.ETag.ToString());
                continue;
            }

            try
            {
                entries.Add(Tuple.Create(SiloInstanceRows.ToEntry(row), row.ETag.ToString()));
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException or OverflowException)
            {
                // One unreadable row must not hide the rest of the cluster; the official provider skips it too.
                LogUnreadableRow(exception, row.RowKey);
            }
        }

        return new MembershipTableData(entries, version);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the membership version row of cluster {ClusterId} in table {TableName}")]
    private partial void LogCreatedVersionRow(string clusterId, string tableName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} defunct silo rows of cluster {ClusterId} last alive before {BeforeDate}")]
    private partial void LogCleanedUp(int count, string clusterId, DateTimeOffset beforeDate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Membership write of row {RowKey} at table version {Version} lost a race (status {Status}); Orleans will retry")]
    private partial void LogContention(string rowKey, int version, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Skipping unreadable membership row {RowKey}")]
    private partial void LogUnreadableRow(Exception exception, string rowKey);
}
