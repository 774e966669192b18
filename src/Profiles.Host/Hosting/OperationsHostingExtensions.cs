using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Dashboard;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Profiles.Grains.Diagnostics;
using Profiles.Grains.Hosting;
using Profiles.Host.Auth;
using Profiles.Host.Diagnostics;
using Profiles.Host.Health;

namespace Profiles.Host.Hosting;

/// <summary>
/// What an operator needs: liveness and readiness probes, Prometheus metrics and the Orleans dashboard (admin role),
/// and a shutdown that drains requests and deactivates grains within <c>Profiles:Operations:ShutdownTimeout</c>.
/// </summary>
public static class OperationsHostingExtensions
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string MetricsPath = TelemetryHostingExtensions.MetricsPath;

    /// <summary>Not <c>/dashboard</c>: that path is kept for the ops team's own page.</summary>
    public const string DashboardPath = "/orleans";

    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddProfilesOperations(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Whether the dashboard runs and which storage the probe checks shape the silo and the checks: read before the container.
        var operations = builder.Configuration.GetValidated(OperationsOptions.Section, new OperationsOptionsValidator());
        var storage = builder.Configuration.GetValidated(StorageOptions.Section, new StorageOptionsValidator());
        builder.Services.AddValidatedOptions<OperationsOptions, OperationsOptionsValidator>(OperationsOptions.Section);
        builder.Services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(StorageOptions.Section);

        // SIGTERM: the web server stops accepting and finishes in-flight requests (each answers only once its events
        // are stored), then the silo stops gracefully: grains deactivate and the silo leaves membership.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = operations.ShutdownTimeout);

        var checks = builder.Services.AddHealthChecks()
            .AddCheck<SiloActiveHealthCheck>(SiloActiveHealthCheck.Name, tags: [ReadyTag]);
        if (storage.Provider == StorageProvider.AzureTable)
        {
            checks.Add(new HealthCheckRegistration(TableStorageHealthCheck.Name,
                _ => new TableStorageHealthCheck(storage.Connection(), AzureTableStorageOptions.DEFAULT_TABLE_NAME, operations.StorageProbeTimeout),
                HealthStatus.Unhealthy, [ReadyTag], operations.StorageProbeTimeout + TimeSpan.FromSeconds(1)));
        }

        if (operations.Dashboard) builder.UseOrleans(silo => silo.AddDashboard());
        return builder;
    }

    public static WebApplication MapProfilesOperations(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Anonymous on purpose: kubelets and load balancers probe without keys, and the answers reveal nothing.
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous();

        app.MapProfilesMetrics();
        if (app.Services.GetRequiredService<IOptions<OperationsOptions>>().Value.Dashboard)
            app.MapOrleansDashboard(DashboardPath).RequireAuthorization(Policies.Operate).ExcludeFromDescription();
        return app;
    }
}
