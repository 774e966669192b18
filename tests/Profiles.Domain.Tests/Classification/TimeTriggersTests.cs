using Profiles.Domain.Classification;
using static Profiles.Domain.Tests.TestEvents;

namespace Profiles.Domain.Tests.Classification;

public sealed class TimeTriggersTests
{
    private static readonly ProfileClassifier Classifier = ProfileClassifier.Default;

    [Fact]
    public void AProfileWithoutFactsHasNothingToWaitFor() =>
        Assert.Null(TimeTriggers.NextCheck(Profile(), Classifier, Now));

    [Fact]
    public void ARecentBuyerIsNextLookedAtWhenRecencyLeavesItsTopScore()
    {
        var lastOrder = DaysAgo(3);
        var profile = Profile(Order("o-1", lastOrder, 100m));
        Assert.Equal(lastOrder.AddDays(15), TimeTriggers.NextCheck(profile, Classifier, Now));
    }

    [Fact]
    public void ASilentActiveCustomerIsNextLookedAtWhenItTurnsDormant()
    {
        // 85 days silent: the recency boundaries (15, 31) have passed; dormancy starts after 90 whole days.
        var lastOrder = DaysAgo(85);
        var profile = Profile(Order("o-1", DaysAgo(200), 100m), Order("o-2", lastOrder, 100m));
        var next = TimeTriggers.NextCheck(profile, Classifier, Now);
        Assert.Equal(lastOrder.AddDays(91), next);
        Assert.Equal(LifecycleClassifier.Active, LifecycleClassifier.Classify(Classifier.Summarize(profile, next!.Value.AddTicks(-1)), next.Value.AddTicks(-1), new LifecycleOptions()).Value);
        Assert.Equal(LifecycleClassifier.Dormant, LifecycleClassifier.Classify(Classifier.Summarize(profile, next.Value), next.Value, new LifecycleOptions()).Value);
    }

    [Fact]
    public void AVisitorWithoutOrdersIsNextLookedAtWhenItTurnsInactive()
    {
        var seen = DaysAgo(2);
        Assert.Equal(seen.AddDays(31), TimeTriggers.NextCheck(Profile(Page(seen)), Classifier, Now));
    }

    [Fact]
    public void ABirthdayMovesTheAgeBandOnTheDay()
    {
        var profile = Profile(Traits(DaysAgo(400), ("birthday", "1990-03-15")));
        var next = TimeTriggers.NextCheck(profile, Classifier, Now);
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void EveryClassTheClockCanMoveIsStillRightAtTheNextCheck()
    {
        // Between now and the next check nothing may change; walking from check to check catches every change.
        var profile = Profile(
            Order("o-1", DaysAgo(100), 500m), Order("o-2", DaysAgo(20), 50m), Page(DaysAgo(1)),
            TicketOpened("t-1", DaysAgo(5)), Traits(DaysAgo(10), ("age", "29")));
        var at = Now;
        for (var step = 0; step < 40; step++)
        {
            var next = TimeTriggers.NextCheck(profile, Classifier, at);
            if (next is null) break;
            var before = Classes(profile, at);
            foreach (var probe in new[] { at.AddHours(1), at + (next.Value - at) / 2, next.Value.AddTicks(-1) })
            {
                if (probe > at && probe < next.Value) Assert.Equal(before, Classes(profile, probe));
            }
            at = next.Value;
        }
    }

    private static string Classes(global::Profiles.Domain.Profiles.CustomerProfile profile, DateTimeOffset at) =>
        string.Join(",", Classifier.Classify(profile, at).Select(c => $"{c.Dimension}={c.Value}"));
}
