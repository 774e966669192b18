using Profiles.Domain.Predictions;
using Profiles.Domain.Profiles;

namespace Profiles.Domain.Classification;

/// <summary>
/// When a profile's classes can next change by the passing of time alone — a silent customer turning dormant, an
/// order leaving the RFM window, a birthday. Every rule that reads the clock counts whole days from a fact, so the
/// candidates are those days' boundaries; the earliest one after now is when the customer must be looked at again.
/// Waking at a candidate that changes nothing is harmless: the customer is simply scheduled for the next one.
/// </summary>
public static class TimeTriggers
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>The earliest moment after <paramref name="now"/> at which a class may change without an event, or null.</summary>
    public static DateTimeOffset? NextCheck(CustomerProfile profile, ProfileClassifier classifier, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(classifier);
        var options = classifier.Options;
        DateTimeOffset? next = null;
        void Consider(DateTimeOffset at)
        {
            if (at > now && (next is null || at < next)) next = at;
        }

        // "More than N whole days after t" starts at t + (N + 1) days: OrderSummary.DaysBetween floors.
        void AfterDays(DateTimeOffset? from, double days)
        {
            if (from is { } t && days is >= 0 and < 100_000) Consider(t + (Math.Floor(days) + 1) * Day);
        }

        var orders = classifier.Summarize(profile, now);
        AfterDays(orders.FirstOrder, options.Lifecycle.NewDays);
        AfterDays(orders.LastOrder, options.Lifecycle.ActiveDays);
        AfterDays(orders.LastOrder, options.Lifecycle.ChurnDays);
        foreach (var bound in classifier.Breakpoints.Recency) AfterDays(orders.LastOrder, bound);

        // An order leaves the window (frequency, monetary, value tier) once it is WindowDays old.
        // The earliest of them is the oldest order still in the window.
        var index = profile.OrderIndex;
        var oldestInWindow = index.FirstAfter(now.AddDays(-options.Rfm.WindowDays));
        if (oldestInWindow < index.Count) Consider(index.At(oldestInWindow).AddDays(options.Rfm.WindowDays));

        // A ticket leaves the satisfaction window just after it is TicketWindowDays old: the earliest is the oldest
        // ticket still in it (dated at or after now − window).
        var ticketWindow = options.Satisfaction.TicketWindowDays;
        if (profile.TicketIndex.FirstDatedAfter(now.AddDays(-ticketWindow) - TimeSpan.FromTicks(1)) is { } oldestTicket)
            Consider(oldestTicket.AddDays(ticketWindow) + TimeSpan.FromTicks(1));

        AfterDays(profile.Engagement.LastSeen, options.Engagement.RecentDays);
        ConsiderNextAnniversary(profile, options.Demographics, now, Consider);
        // Not through a delegate like the anniversary: that would allocate one more on every drain.
        var (medium, high) = ChurnRiskCrossingDays(profile, classifier);
        foreach (var crossing in (ReadOnlySpan<long?>)[medium, high])
        {
            if (crossing is not { } day) continue;
            Consider(new DateTimeOffset(day * TimeSpan.TicksPerDay, TimeSpan.Zero));
            Consider(new DateTimeOffset((day + 1) * TimeSpan.TicksPerDay, TimeSpan.Zero));
        }

        // Custom conditions may compare any day count (recency, daysSinceSeen, age): look again at the next day boundary.
        if (classifier.CustomSegments.Count > 0)
        {
            foreach (var anchor in new[] { orders.LastOrder, profile.Engagement.LastSeen })
            {
                if (anchor is { } t) Consider(t + (Math.Floor((now - t) / Day) + 1) * Day);
            }
            Consider(new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) + Day);
        }
        return next;
    }

    /// <summary>
    /// P(alive) falls as a silent customer ages, so its churn risk rises on a day the model fixes: the first day on which
    /// T has passed the age where P(alive) meets each threshold (<see cref="BgNbdModel.AgeAtProbabilityAlive"/>); the
    /// caller considers the day after too, in case rounding puts the change a day later (a wake that finds no change
    /// schedules the next). Only this customer's own crossings under the model it was classified with: publishing a new
    /// model schedules nothing. Null days when there is none (no model, or no repeat purchase: P(alive) stays 1).
    /// </summary>
    private static (long? Medium, long? High) ChurnRiskCrossingDays(CustomerProfile profile, ProfileClassifier classifier)
    {
        var models = classifier.Models;
        if (models?.Population is not { Purchases.Parameters: { } parameters } model ||
            profile.CurrentPurchaseHistory() is not { RepeatPurchases: > 0 } history) return (null, null);
        var options = classifier.Options.Predictions;
        // The days depend on the history and the model only: the fold asks again after every drain, mostly for the same.
        var memo = profile.PredictionMemo;
        if (!ReferenceEquals(memo.CrossingHistory, history) || !ReferenceEquals(memo.CrossingModels, models) || !ReferenceEquals(memo.CrossingOptions, options))
        {
            var unit = model.TimeUnitDays;
            long? DayOfCrossing(double threshold)
            {
                if (BgNbdModel.AgeAtProbabilityAlive(parameters, history.RepeatPurchases, history.Recency(unit), threshold) is not { } age) return null;
                var days = Math.Floor(age * unit);
                return days is >= 0 and < 100_000 ? history.FirstPurchaseDay + (long)days + 1 : null;
            }
            (memo.MediumCrossingDay, memo.HighCrossingDay) = (DayOfCrossing(options.MediumChurnRiskBelow), DayOfCrossing(options.HighChurnRiskBelow));
            (memo.CrossingHistory, memo.CrossingModels, memo.CrossingOptions) = (history, models, options);
        }
        return (memo.MediumCrossingDay, memo.HighCrossingDay);
    }

    private static void ConsiderNextAnniversary(CustomerProfile profile, DemographicsOptions options, DateTimeOffset now, Action<DateTimeOffset> consider)
    {
        DateOnly anchor;
        if (profile.Traits.TryGetValue(options.BirthdayTrait, out var birthday) && AgeBandClassifier.ParseDate(birthday.Value) is { } born)
            anchor = born;
        else if (profile.Traits.TryGetValue(options.AgeTrait, out var age))
            anchor = DateOnly.FromDateTime(age.At.UtcDateTime);
        else
            return;

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        for (var year = today.Year; year <= today.Year + 1; year++)
        {
            // 29 February falls on 1 March in other years, as the age computation counts it.
            var day = Math.Min(anchor.Day, DateTime.DaysInMonth(year, anchor.Month));
            var candidate = new DateOnly(year, anchor.Month, day);
            if (anchor.Month == 2 && anchor.Day == 29 && !DateTime.IsLeapYear(year)) candidate = new DateOnly(year, 3, 1);
            var at = new DateTimeOffset(candidate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (at > now)
            {
                consider(at);
                return;
            }
        }
    }
}
