namespace Profiles.Host.Hosting;

/// <summary>How silos find each other.</summary>
public enum ClusteringProvider
{
    /// <summary>One machine: silos on loopback, the first one (or <c>PrimarySiloPort</c>) as the seed.</summary>
    Localhost = 0,

    /// <summary>Membership in Azure Table Storage (table <c>OrleansSiloInstances</c>).</summary>
    AzureTable = 1,
}
