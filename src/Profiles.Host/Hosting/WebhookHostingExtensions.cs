using Profiles.Grains.Hosting;
using Profiles.Grains.Webhooks;

namespace Profiles.Host.Hosting;

/// <summary>Wires webhooks on tier change (<c>Profiles:Webhooks</c>): the signed sender and the per-silo outbox waker (the customers hand their changes to the outboxes).</summary>
public static class WebhookHostingExtensions
{
    public static WebApplicationBuilder AddProfilesWebhooks(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedOptions<WebhookOptions, WebhookOptionsValidator>(WebhookOptions.Section);
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddHostedService<WebhookOutboxWaker>();
        return builder;
    }
}
