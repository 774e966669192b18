using Profiles.Host.Realtime;

namespace Profiles.Host.Hosting;

/// <summary>Wires the SignalR hub and this silo's change observer.</summary>
public static class RealtimeHostingExtensions
{
    public static WebApplicationBuilder AddProfilesRealtime(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<Subscriptions>();
        builder.Services.AddSingleton<HubChangeObserver>();
        builder.Services.AddHostedService<ObserverRegistration>();
        return builder;
    }

    public static IEndpointRouteBuilder MapProfilesHub(this IEndpointRouteBuilder app)
    {
        app.MapHub<ProfilesHub>(ProfilesHub.Path);
        return app;
    }
}
