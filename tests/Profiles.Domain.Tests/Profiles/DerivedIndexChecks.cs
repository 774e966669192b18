using CsCheck;
using Profiles.Domain.Profiles;

namespace Profiles.Domain.Tests.Profiles;

/// <summary>
/// The two ways a profile's derived indexes (kept up to date by the fold, never stored) can drift from the facts they are
/// derived from: event by event in any arrival order, and through a merge. Each check runs an assertion at every step.
/// </summary>
internal static class DerivedIndexChecks
{
    /// <summary>Folds random events in a random order and checks the profile after every event.</summary>
    public static void AfterEveryEvent(Action<CustomerProfile> check, int iter) =>
        CustomerEventGen.SequenceAndPermutation().Sample((_, permuted) =>
        {
            var profile = CustomerProfile.Create("customer-1");
            foreach (var e in permuted)
            {
                profile.Apply(e);
                // Read after every event, so the index exists early and is updated in place from then on.
                check(profile);
            }
        }, iter: iter);

    /// <summary>Splits random events between a customer and a visitor, checks the customer, merges the visitor in and checks again.</summary>
    public static void AfterAMerge(Action<CustomerProfile> check, int iter) =>
        CustomerEventGen.Sequence().SelectMany(events => Gen.Int[0, events.Length].Select(split => (events, split)))
        .Sample((events, split) =>
        {
            var customer = CustomerProfile.Create("customer-1");
            var visitor = CustomerProfile.Create("visitor-1");
            foreach (var e in events[..split]) customer.Apply(e);
            foreach (var e in events[split..]) visitor.Apply(e);
            check(customer);

            customer.Merge(visitor);
            check(customer);
        }, iter: iter);
}
