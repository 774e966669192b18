using Profiles.Host.Demo;

namespace Profiles.Host.Hosting;

/// <summary>Wires demo mode (<c>Profiles:Demo</c>, or <c>--demo</c> on the command line).</summary>
public static class DemoHostingExtensions
{
    public const string Switch = "--demo";

    public static WebApplicationBuilder AddProfilesDemo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // A bare "--demo" has no value, which the command-line configuration provider ignores: read it here.
        if (Environment.GetCommandLineArgs().Contains(Switch, StringComparer.OrdinalIgnoreCase))
            builder.Configuration[$"{DemoOptions.Section}:{nameof(DemoOptions.Enabled)}"] = "true";
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section)
            .Validate(Validated<DemoOptions>.By(o => o.Validate())).ValidateOnStart();
        if (builder.Configuration.GetValue<bool>($"{DemoOptions.Section}:{nameof(DemoOptions.Enabled)}"))
            builder.Services.AddHostedService<DemoEventStream>();
        return builder;
    }
}
