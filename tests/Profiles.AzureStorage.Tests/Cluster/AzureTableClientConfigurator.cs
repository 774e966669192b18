using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using Profiles.AzureStorage.Connection;

namespace Profiles.AzureStorage.Tests.Cluster;

/// <summary>Client set-up of <see cref="ClusterTests"/>: the client finds the gateways in the official membership table.</summary>
public sealed class AzureTableClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.UseProfilesAzureTableClustering(
            new AzureTableConnection { ConnectionString = configuration[ClusterTests.ConnectionStringKey] },
            o => o.TableName = configuration[ClusterTests.MembershipTableKey]!);
}
