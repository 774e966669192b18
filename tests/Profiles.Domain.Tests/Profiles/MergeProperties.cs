using CsCheck;
using Profiles.Domain.Classification;
using Profiles.Domain.Events;
using Profiles.Domain.Profiles;

namespace Profiles.Domain.Tests.Profiles;

/// <summary>Properties of merging an anonymous visitor's profile into the customer it turned out to be.</summary>
public sealed class MergeProperties
{
    private const int Iterations = 300;

    private static Gen<(CustomerEvent[] Events, bool[] Anonymous)> Split() =>
        CustomerEventGen.Sequence().SelectMany(events => Gen.Bool.Array[events.Length].Select(sides => (events, sides)));

    [Fact]
    public void MergingTheAnonymousProfileGivesTheFactsOfFoldingEveryEventIntoTheCustomer() =>
        Split().Sample((events, anonymous) =>
        {
            var (visitor, customer) = Fold(events, anonymous);
            Assert.True(customer.Merge(visitor));

            var expected = CustomerProfile.Create("customer-1");
            foreach (var e in events) expected.Apply(e);
            expected.Identities.Add("anonymous-1");
            expected.Reclassify(ProfileClassifier.Default, CustomerEventGen.Now, causedBy: null);
            customer.Reclassify(ProfileClassifier.Default, CustomerEventGen.Now, causedBy: null);

            Assert.Equal(ProfileProjection.Observe(expected), ProfileProjection.Observe(customer));
        }, iter: Iterations);

    [Fact]
    public void AMergeRepeatedChangesNothing() =>
        Split().Sample((events, anonymous) =>
        {
            var (visitor, customer) = Fold(events, anonymous);
            Assert.True(customer.Merge(visitor));
            var once = ProfileProjection.Observe(customer);

            Assert.False(customer.Merge(visitor));
            Assert.Equal(once, ProfileProjection.Observe(customer));
        }, iter: Iterations);

    [Fact]
    public void EventsOfTheAnonymousProfileSentAgainAfterTheMergeAreDuplicates() =>
        Split().Sample((events, anonymous) =>
        {
            var (visitor, customer) = Fold(events, anonymous);
            customer.Merge(visitor);

            foreach (var e in events) Assert.Equal(ApplyOutcome.Duplicate, customer.Apply(e));
        }, iter: Iterations);

    [Fact]
    public void AProfileIsNeverMergedIntoItself()
    {
        var profile = CustomerProfile.Create("customer-1");

        Assert.False(profile.Merge(CustomerProfile.Create("customer-1")));
        Assert.Empty(profile.MergedFrom);
    }

    private static (CustomerProfile Visitor, CustomerProfile Customer) Fold(CustomerEvent[] events, bool[] anonymous)
    {
        var visitor = CustomerProfile.Create("anonymous-1");
        var customer = CustomerProfile.Create("customer-1");
        for (var i = 0; i < events.Length; i++) (anonymous[i] ? visitor : customer).Apply(events[i]);
        return (visitor, customer);
    }
}
