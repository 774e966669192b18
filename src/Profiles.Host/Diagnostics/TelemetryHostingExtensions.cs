using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Profiles.AzureStorage.Storage;
using Profiles.Grains.Diagnostics;
using Profiles.Host.Auth;

namespace Profiles.Host.Diagnostics;

/// <summary>
/// Metrics and traces through OpenTelemetry: <c>/metrics</c> in the Prometheus text format (admin role) from
/// OpenTelemetry's ASP.NET Core exporter, OTLP export of traces and metrics when the standard
/// <c>OTEL_EXPORTER_OTLP_*</c> variables name an endpoint, and then Orleans' activity propagation so that one ingest request
/// is one trace from the HTTP server through every grain call it makes.
/// </summary>
public static class TelemetryHostingExtensions
{
    public const string MetricsPath = "/metrics";

    /// <summary>The service name in traces and metrics, unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "profiles";

    /// <summary>The meters exported: ours, Orleans', the web server's and the runtime's.</summary>
    private static readonly string[] Meters =
    [
        ProfilesMetrics.MeterName, ProfilesMetrics.MeterName + ".*", AzureTableStorageMetrics.MeterName,
        "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime",
    ];

    /// <summary>The activity sources traced besides the web server's and HttpClient's: Orleans' runtime and grain calls.</summary>
    private static readonly string[] Sources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public static WebApplicationBuilder AddProfilesTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        if (OtlpConfigured(builder.Configuration))
        {
            // Grain calls carry the caller's trace context, and each call is an activity of its own. Only with a trace
            // exporter: without one there is no trace to continue, and the call filters cost every grain call.
            builder.UseOrleans(silo => silo.AddActivityPropagation());
            // Endpoint, protocol, headers, timeouts and intervals come from OTEL_EXPORTER_OTLP_* (and the per-signal
            // variants), OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES, OTEL_BSP_* and OTEL_METRIC_EXPORT_INTERVAL. Without
            // an endpoint nothing listens to the activity sources, so untraced requests cost no spans.
            builder.Services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService(ServiceName))
                .WithTracing(tracing => tracing
                    .AddSource(Sources)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation())
                .WithMetrics(metrics => metrics.AddMeter(Meters))
                .UseOtlpExporter();
        }

        // Prometheus has its own meter provider, so that its names stay the ones /metrics has always had (a view renames
        // every stream) while OTLP gets the instruments' own names.
        builder.Services.AddSingleton(_ => new PrometheusMeterProvider(Sdk.CreateMeterProviderBuilder()
            .AddMeter(Meters)
            .AddView(PrometheusNames.View)
            // No otel_scope_name label: the series keep the labels they always had.
            .AddPrometheusExporter(o => (o.ScrapeResponseCacheDurationMilliseconds, o.ScopeInfoEnabled) = (0, false))
            .Build()));
        return builder;
    }

    /// <summary>Maps <c>/metrics</c> (admin role); the provider starts listening at once, so it sees every instrument from start.</summary>
    public static WebApplication MapProfilesMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var provider = app.Services.GetRequiredService<PrometheusMeterProvider>().Provider;
        app.MapPrometheusScrapingEndpoint(MetricsPath, provider, configureBranchedPipeline: null, optionsName: null)
            .RequireAuthorization(Policies.Operate);
        return app;
    }

    private static bool OtlpConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) ||
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]) ||
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"]);
}
