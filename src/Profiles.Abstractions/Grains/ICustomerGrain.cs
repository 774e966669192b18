using System.Collections.Immutable;
using Profiles.Abstractions.Views;
using Profiles.Domain.Events;

namespace Profiles.Abstractions.Grains;

/// <summary>One customer, keyed by its customer id: the only writer of that customer's profile.</summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Folds the events into the profile and returns once the result is durably stored; concurrent calls share one
    /// storage write. Events already applied (same message id) count as duplicates and change nothing.
    /// Throws when the profile could not be stored: then none of these events can be considered kept.
    /// </summary>
    Task<ApplyResult> ApplyAsync(ImmutableArray<CustomerEvent> events);

    /// <summary>
    /// Brings the classes up to date with the clock (a silent customer turns dormant), stores and publishes any change,
    /// and schedules the next such check. Called by the time buckets.
    /// </summary>
    Task WakeAsync();

    /// <summary>The live profile at the current time, or null when the customer has never sent an event.</summary>
    Task<CustomerProfileView?> GetProfileAsync();

    /// <summary>
    /// Hands this profile over to <paramref name="customerId"/> (it was an anonymous visitor who turned out to be that
    /// customer) and forwards everything that arrives for it from then on. Idempotent: a repeated call hands over the
    /// same facts, which the customer merges once. Returns the customer the profile now forwards to.
    /// </summary>
    Task<string> MergeIntoAsync(string customerId);

    /// <summary>Merges another customer's handed-over profile into this one, once per source profile; stored on return.</summary>
    Task<ApplyResult> AbsorbAsync(Profiles.Domain.Profiles.CustomerProfile source);
}
