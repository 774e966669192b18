using Profiles.Grains.Realtime;
using Profiles.Grains.Webhooks;

namespace Profiles.Host.Hosting;

/// <summary>Wires webhooks on tier change (<c>Profiles:Webhooks</c>): the per-silo dispatcher and the signed sender.</summary>
public static class WebhookHostingExtensions
{
    public static WebApplicationBuilder AddProfilesWebhooks(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section)
            .Validate(Validated<WebhookOptions>.By(o => o.Validate())).ValidateOnStart();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<WebhookDispatcher>();
        builder.Services.AddSingleton<IChangeConsumer>(sp => sp.GetRequiredService<WebhookDispatcher>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        return builder;
    }
}
