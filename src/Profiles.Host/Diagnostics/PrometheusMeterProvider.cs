using OpenTelemetry.Metrics;

namespace Profiles.Host.Diagnostics;

/// <summary>The meter provider behind <c>/metrics</c>, disposed with the host.</summary>
public sealed class PrometheusMeterProvider(MeterProvider provider) : IDisposable
{
    /// <summary>The provider with the Prometheus exporter.</summary>
    public MeterProvider Provider { get; } = provider;

    /// <inheritdoc />
    public void Dispose() => Provider.Dispose();
}
