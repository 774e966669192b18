namespace Profiles.Host.Hosting;

/// <summary>Settings under <c>Profiles:Clustering</c>.</summary>
public sealed class ClusteringOptions
{
    public const string Section = "Profiles:Clustering";

    /// <summary><c>Localhost</c> (default) or <c>AzureTable</c>.</summary>
    public ClusteringProvider Provider { get; set; } = ClusteringProvider.Localhost;

    /// <summary>The storage account for <c>AzureTable</c> membership, as a connection string.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The storage account for <c>AzureTable</c> membership, as its table service URI, signed in with
    /// <c>DefaultAzureCredential</c>. Used when there is no connection string.
    /// </summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>Silo-to-silo port (default 11111).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port (default 30000).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>With <c>Localhost</c>: the silo port of the seed silo, when this silo is not the seed.</summary>
    public int? PrimarySiloPort { get; set; }

    /// <summary>With <c>AzureTable</c>: the address other silos reach this one at (default: this machine's address).</summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>Silos with the same cluster id form one cluster (default <c>profiles</c>).</summary>
    public string ClusterId { get; set; } = "profiles";

    /// <summary>Names the service's durable state; keep it stable across deployments (default <c>profiles</c>).</summary>
    public string ServiceId { get; set; } = "profiles";

    /// <summary>
    /// Runs under Orleans' Kubernetes hosting (<c>UseKubernetesHosting</c>): the silo is named after its pod, advertises
    /// <c>POD_IP</c>, takes its ids from <c>ORLEANS_SERVICE_ID</c>/<c>ORLEANS_CLUSTER_ID</c>, and silos whose pods are
    /// gone are declared dead at once. Membership itself still needs <c>Provider</c> <c>AzureTable</c> (default false).
    /// </summary>
    public bool Kubernetes { get; set; }
}
