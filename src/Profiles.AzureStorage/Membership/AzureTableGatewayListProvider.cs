using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;
using Profiles.AzureStorage.Providers;

namespace Profiles.AzureStorage.Membership;

/// <summary>
/// Gives Orleans clients the gateways of the cluster from the membership table: the active silos with a proxy (gateway) port.
/// </summary>
public sealed class AzureTableGatewayListProvider : IGatewayListProvider
{
    private readonly AzureTableClusteringOptions _options;
    private readonly string _clusterId;
    private readonly Lazy<TableClient> _table;

    /// <summary>Creates the provider for the client's cluster id.</summary>
    public AzureTableGatewayListProvider(
        IOptions<AzureTableClusteringOptions> options,
        IOptions<ClusterOptions> clusterOptions,
        IOptions<GatewayOptions> gatewayOptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clusterOptions);
        ArgumentNullException.ThrowIfNull(gatewayOptions);
        _options = options.Value;
        _clusterId = clusterOptions.Value.ClusterId;
        MaxStaleness = gatewayOptions.Value.GatewayListRefreshPeriod;
        _table = new Lazy<TableClient>(() => _options.CreateServiceClient().GetTableClient(_options.TableName));
    }

    /// <inheritdoc />
    public TimeSpan MaxStaleness { get; }

    /// <inheritdoc />
    public bool IsUpdatable => true;

    /// <inheritdoc />
    public Task InitializeGatewayListProvider()
    {
        // Clients only read: creating the table is the silos' job, and a client may lack the right to.
        _ = _table.Value;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<IList<Uri>> GetGateways()
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {_clusterId} and Status eq {"Active"}");
        var gateways = new List<Uri>();
        await foreach (var row in _table.Value.QueryAsync<TableEntity>(filter).ConfigureAwait(false))
        {
            if (SiloInstanceRows.GatewayUri(row) is { } uri)
            {
                gateways.Add(uri);
            }
        }

        return gateways;
    }
}
