using System.Globalization;
using Profiles.Testing.Ports;

namespace Profiles.Cluster.Tests.Infrastructure;

/// <summary>
/// The settings of a silo process in a test cluster on Azure Table storage and membership, on loopback, with failure
/// detection tuned to seconds: a silo that misses two 1-second probes from two others is dead.
/// </summary>
public static class AzureTableSiloSettings
{
    public static Dictionary<string, string> For(string connectionString, string clusterId, string writeKey, string apiKey, string apiKeyRole) => new()
    {
        ["Profiles:Storage:Provider"] = "AzureTable",
        ["Profiles:Storage:ConnectionString"] = connectionString,
        ["Profiles:Clustering:Provider"] = "AzureTable",
        ["Profiles:Clustering:ConnectionString"] = connectionString,
        ["Profiles:Clustering:ClusterId"] = clusterId,
        ["Profiles:Clustering:GatewayPort"] = TestPorts.Reserve().ToString(CultureInfo.InvariantCulture),
        ["Profiles:Clustering:AdvertisedIPAddress"] = "127.0.0.1",
        ["Profiles:Clustering:Membership:ProbeTimeout"] = "00:00:01",
        ["Profiles:Clustering:Membership:NumMissedProbesLimit"] = "2",
        ["Profiles:Clustering:Membership:NumVotesForDeathDeclaration"] = "2",
        ["Profiles:Clustering:Membership:TableRefreshTimeout"] = "00:00:02",
        ["Profiles:Clustering:Membership:IAmAliveTablePublishTimeout"] = "00:00:05",
        ["Profiles:Auth:WriteKeys:0"] = writeKey,
        ["Profiles:Auth:ApiKeys:0:Key"] = apiKey,
        ["Profiles:Auth:ApiKeys:0:Role"] = apiKeyRole,
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Orleans"] = "Warning",
    };
}
