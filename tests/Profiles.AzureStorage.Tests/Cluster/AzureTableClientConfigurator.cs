using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Profiles.AzureStorage.Tests.Cluster;

/// <summary>Client set-up of <see cref="ClusterTests"/>: the client finds the gateways in the membership table.</summary>
public sealed class AzureTableClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.UseAzureTableClustering(o =>
            (o.ConnectionString, o.TableName) = (configuration[ClusterTests.ConnectionStringKey], configuration[ClusterTests.MembershipTableKey]!));
}
