using Profiles.Host.Dashboard;

namespace Profiles.Host.Hosting;

/// <summary>
/// Wires the browser pages: static files from wwwroot (our scripts and styles, and the npm libraries the build copies
/// into wwwroot/lib), <c>/</c>, <c>/dashboard</c> and <c>/agent</c>, and the small endpoints they need. The pages themselves hold
/// no data: everything they show comes from APIs that check the API key the user enters (<c>/segments</c> defines and
/// follows custom segments). <c>/</c> is a landing page that
/// links to them, the API reference, health and the Orleans dashboard.
/// </summary>
public static class PagesHostingExtensions
{
    public const string HomePath = "/";
    public const string DashboardPath = "/dashboard";
    public const string AgentPath = "/agent";
    public const string SegmentsPath = "/segments";

    public static WebApplicationBuilder AddProfilesPages(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ThroughputMeter>();
        return builder;
    }

    public static WebApplication UseProfilesStaticFiles(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseStaticFiles();
        return app;
    }

    public static IEndpointRouteBuilder MapProfilesPages(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Resolve the meter now so its totals count from start, not from the dashboard's first poll.
        app.ServiceProvider.GetRequiredService<ThroughputMeter>();
        app.MapGet(HomePath, (IWebHostEnvironment env) => Page(env, "index.html")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(DashboardPath, (IWebHostEnvironment env) => Page(env, "dashboard.html")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(AgentPath, (IWebHostEnvironment env) => Page(env, "agent.html")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(SegmentsPath, (IWebHostEnvironment env) => Page(env, "segments.html")).AllowAnonymous().ExcludeFromDescription();
        app.MapDashboardApi();
        return app;
    }

    private static IResult Page(IWebHostEnvironment env, string file)
    {
        var info = env.WebRootFileProvider.GetFileInfo(file);
        return info.Exists && info.PhysicalPath is { } path
            ? TypedResults.PhysicalFile(path, "text/html; charset=utf-8")
            : TypedResults.NotFound();
    }
}
