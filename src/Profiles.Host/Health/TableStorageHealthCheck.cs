using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Profiles.AzureStorage.Connection;

namespace Profiles.Host.Health;

/// <summary>
/// Ready only if the profile table answers a one-row query within the timeout: cheap (one request, no retries) and it
/// proves both the account (network, key) and the table the grains write to.
/// </summary>
public sealed class TableStorageHealthCheck : IHealthCheck
{
    public const string Name = "storage";

    private readonly TableClient _table;
    private readonly TimeSpan _timeout;

    public TableStorageHealthCheck(AzureTableConnection connection, string tableName, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _timeout = timeout;
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = timeout;
        _table = connection.CreateServiceClient(options).GetTableClient(tableName);
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            var query = _table.QueryAsync<TableEntity>("PartitionKey eq '~health'", maxPerPage: 1, select: ["PartitionKey"], timeout.Token);
            await foreach (var _ in query.AsPages().WithCancellation(timeout.Token))
            {
                break;
            }
            return HealthCheckResult.Healthy($"Table {_table.Name} answers.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Table {_table.Name} did not answer within {_timeout}.");
        }
        catch (RequestFailedException e)
        {
            return HealthCheckResult.Unhealthy($"Table {_table.Name} answered {e.Status} ({e.ErrorCode}).", e);
        }
    }
}
