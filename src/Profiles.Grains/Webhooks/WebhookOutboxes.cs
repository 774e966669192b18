using Microsoft.Extensions.Options;
using Profiles.Abstractions.Grains;
using Profiles.Domain.Profiles;
using Profiles.Grains.Hosting;

namespace Profiles.Grains.Webhooks;

/// <summary>
/// One per silo: the way a customer grain's recorded changes reach the endpoints' durable outboxes. The customer records
/// the changes an endpoint selects in its own write (so a crash between the write and the outbox loses nothing), then
/// hands them over here; the changes of many customers for one endpoint travel in one outbox call.
/// </summary>
public sealed class WebhookOutboxes(IGrainFactory grains, IOptions<WebhookOptions> options)
{
    private readonly List<WebhookEndpointOptions> _endpoints = options.Value.Endpoints;

    private readonly CallBatcher<ClassChange> _outboxes = new((key, changes) =>
        grains.GetGrain<IWebhookOutboxGrain>(key).EnqueueAsync([.. changes]));

    /// <summary>Whether any endpoint is configured.</summary>
    public bool Any => _endpoints.Count > 0;

    /// <summary>Whether some endpoint wants <paramref name="change"/>, so that the customer must record it for delivery.</summary>
    public bool Selects(ClassChange change)
    {
        foreach (var endpoint in _endpoints)
        {
            if (endpoint.Matches(change)) return true;
        }
        return false;
    }

    /// <summary>Stores each change in the outbox of every endpoint that selects it; completes once all are stored.</summary>
    public Task HandOverAsync(IReadOnlyList<ClassChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var calls = new List<Task>(_endpoints.Count);
        foreach (var endpoint in _endpoints)
        {
            var selected = changes.Where(endpoint.Matches).ToList();
            if (selected.Count > 0) calls.Add(_outboxes.AddAsync(endpoint.Key, selected));
        }
        return Task.WhenAll(calls);
    }

    /// <summary>Drops an erased customer's changes from every outbox.</summary>
    public Task ForgetCustomerAsync(string customerId) =>
        Task.WhenAll(_endpoints.Select(e => grains.GetGrain<IWebhookOutboxGrain>(e.Key).ForgetCustomerAsync(customerId)));
}
