namespace Profiles.Host.Hosting;

/// <summary>Settings under <c>Profiles:Operations</c>: probes, the Orleans dashboard and shutdown.</summary>
public sealed class OperationsOptions
{
    public const string Section = "Profiles:Operations";

    /// <summary>
    /// How long a stop (SIGTERM) may take: the web server drains in-flight requests, then the silo deactivates its grains
    /// and leaves the cluster (default 30 s). Keep the orchestrator's grace period above it.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the readiness probe waits for storage to answer before it reports not ready (default 2 s).</summary>
    public TimeSpan StorageProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether the Orleans dashboard runs on this silo and is served (admin role) at <c>/orleans</c> (default true).</summary>
    public bool Dashboard { get; set; } = true;
}
