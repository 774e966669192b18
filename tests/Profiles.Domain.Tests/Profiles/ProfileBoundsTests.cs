using System.Collections.Immutable;
using Profiles.Domain.Events;
using Profiles.Domain.Profiles;

namespace Profiles.Domain.Tests.Profiles;

/// <summary>The collections of a profile that input could grow have bounds, and at the bound the profile keeps folding.</summary>
public sealed class ProfileBoundsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void NewTraitKeysStopAtTheBoundWhileKeptKeysStillTakeNewValues()
    {
        var profile = CustomerProfile.Create("c");
        profile.Apply(Traits("m-0", ("plan", "trial")));
        for (var i = 1; i <= 30; i++)
        {
            profile.Apply(Traits($"m-{i}", [.. Enumerable.Range(0, 100).Select(k => ($"made-up-{i}-{k}", "x"))]));
        }
        profile.Apply(Traits("m-last", ("plan", "pro"), ("another-new-one", "y")));

        Assert.Equal(CustomerProfile.TraitCapacity, profile.Traits.Count);
        Assert.Equal("pro", profile.Traits["plan"].Value);
        Assert.DoesNotContain("another-new-one", profile.Traits.Keys);
    }

    [Fact]
    public void MergingMoreSourcesThanTheBoundListsAtMostTheBoundAndStillAddsTheirFacts()
    {
        var customer = CustomerProfile.Create("customer");
        var sources = CustomerProfile.MergeSourceCapacity + 50;
        for (var i = 0; i < sources; i++)
        {
            var visitor = CustomerProfile.Create($"visitor-{i}");
            visitor.Apply(new OrderCompleted { MessageId = $"order-{i}", Timestamp = At, OrderId = $"o-{i}", Revenue = 1m, OriginalAmount = 1m, Currency = "EUR" });
            Assert.True(customer.Merge(visitor));
        }

        Assert.Equal(CustomerProfile.MergeSourceCapacity, customer.MergedFrom.Count);
        Assert.Equal(CustomerProfile.IdentityCapacity, customer.Identities.Count);
        // The orders themselves are kept (the order bound archives the oldest), and none is lost from the sums.
        Assert.Equal(sources, customer.Orders.Count + (customer.ArchivedOrders?.Count ?? 0));
        // A source listed once still merges once only.
        var first = CustomerProfile.Create("visitor-0");
        first.Apply(new OrderCompleted { MessageId = "order-again", Timestamp = At, OrderId = "o-again", Revenue = 1m, OriginalAmount = 1m, Currency = "EUR" });
        Assert.False(customer.Merge(first));
    }

    private static TraitsUpdated Traits(string messageId, params (string Key, string Value)[] traits) => new()
    {
        MessageId = messageId,
        Timestamp = At,
        Traits = traits.ToImmutableSortedDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
    };
}
