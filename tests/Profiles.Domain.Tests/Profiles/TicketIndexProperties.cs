using CsCheck;
using Profiles.Domain.Classification;
using Profiles.Domain.Profiles;

namespace Profiles.Domain.Tests.Profiles;

/// <summary>
/// The ticket counts and the next ticket to leave the window, read from a profile's sorted ticket index kept up to date
/// event by event, are what a walk over all of the profile's tickets gives.
/// </summary>
public sealed class TicketIndexProperties
{
    private static readonly DateTimeOffset[] Moments = [CustomerEventGen.Epoch, CustomerEventGen.Midway, CustomerEventGen.Now];

    private static readonly int[] Windows = [1, 30, 90, 400];

    [Fact]
    public void TheCountsKeptUpToDateEventByEventEqualAWalkOverTheTickets() => DerivedIndexChecks.AfterEveryEvent(AssertIndexIsWalk, iter: 300);

    [Fact]
    public void TheCountsAfterAMergeEqualAWalkOverTheTickets() => DerivedIndexChecks.AfterAMerge(AssertIndexIsWalk, iter: 200);

    [Fact]
    public void ReplacingTheTicketsRebuildsTheIndex()
    {
        var profile = TestEvents.Profile(TestEvents.TicketOpened("t-1", TestEvents.DaysAgo(3)));
        Assert.Equal(1, profile.TicketIndex.OpenSince(TestEvents.DaysAgo(10)));

        profile.Satisfaction.Tickets = new(StringComparer.Ordinal);
        Assert.Equal(0, profile.TicketIndex.OpenSince(TestEvents.DaysAgo(10)));
    }

    [Fact]
    public void AProfileReadBackFromItsPackedFormHasTheSameCounts()
    {
        var profile = TestEvents.Profile(
            TestEvents.TicketOpened("t-1", TestEvents.DaysAgo(3)),
            TestEvents.TicketResolved("t-2", TestEvents.DaysAgo(2), slaBreached: true));
        Assert.Equal((1, 1), (profile.TicketIndex.OpenSince(TestEvents.DaysAgo(10)), profile.TicketIndex.BreachedSince(TestEvents.DaysAgo(10))));

        var read = Domain.Profiles.Packing.ProfileCodec.ReadWhole(Domain.Profiles.Packing.ProfileCodec.Whole(profile));
        Assert.Equal((1, 1), (read.TicketIndex.OpenSince(TestEvents.DaysAgo(10)), read.TicketIndex.BreachedSince(TestEvents.DaysAgo(10))));
    }

    private static void AssertIndexIsWalk(CustomerProfile profile)
    {
        var index = profile.TicketIndex;
        foreach (var now in Moments)
        {
            foreach (var window in Windows)
            {
                var since = now.AddDays(-window);
                var dated = profile.Satisfaction.Tickets.Values
                    .Select(t => (At: t.OpenedAt ?? t.ResolvedAt, Ticket: t))
                    .Where(t => t.At is { } at && at >= since)
                    .ToList();
                Assert.Equal(dated.Count(t => t.Ticket.SlaBreached), index.BreachedSince(since));
                Assert.Equal(dated.Count(t => !t.Ticket.SlaBreached && t.Ticket.IsOpen), index.OpenSince(since));

                DateTimeOffset? firstAfter = profile.Satisfaction.Tickets.Values
                    .Select(t => t.OpenedAt ?? t.ResolvedAt)
                    .Where(at => at > since)
                    .Min();
                Assert.Equal(firstAfter, index.FirstDatedAfter(since));
            }
        }
    }
}
