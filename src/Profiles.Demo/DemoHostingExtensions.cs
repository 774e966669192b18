using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Profiles.Demo;

/// <summary>Wires the demo: its options (validated at start, naming the option), the clock and the runner.</summary>
public static class DemoHostingExtensions
{
    /// <summary>Longer than the service's own graceful stop (30 s), which the runner waits for after Ctrl+C.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(60);

    public static HostApplicationBuilder AddProfilesDemo(this HostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DemoOptions>, DemoOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<DemoRunner>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        // The console shows what the demo does; the generic host's own start-up lines add nothing to it.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        return builder;
    }
}
