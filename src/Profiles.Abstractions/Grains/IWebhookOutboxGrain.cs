using System.Collections.Immutable;
using Profiles.Domain.Profiles;

namespace Profiles.Abstractions.Grains;

/// <summary>
/// The durable outbox of one webhook endpoint (key: the endpoint's name, or its URL when it has none): holds the
/// changes not yet acknowledged by the receiver and delivers them in order, retrying with back-off.
/// </summary>
public interface IWebhookOutboxGrain : IGrainWithStringKey
{
    /// <summary>Stores <paramref name="changes"/> for delivery; returns once they are durable.</summary>
    Task EnqueueAsync(ImmutableArray<ClassChange> changes);

    /// <summary>Activates the outbox so that changes stored before a restart are delivered; returns how many wait.</summary>
    Task<int> WakeAsync();

    /// <summary>
    /// Drops every pending change of <paramref name="customerId"/>, which was erased (GDPR): undelivered changes carry its
    /// id and message ids. Returns once that is durable.
    /// </summary>
    Task ForgetCustomerAsync(string customerId);
}
