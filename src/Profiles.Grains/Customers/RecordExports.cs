using System.Collections.Immutable;
using Profiles.Abstractions.Export;
using Profiles.Abstractions.Views;
using Profiles.Domain.Profiles;
using Profiles.Domain.Statistics;
using Profiles.Grains.Customers.Storage;

namespace Profiles.Grains.Customers;

/// <summary>Projects a customer's stored facts and bookkeeping into the export's own shape (<see cref="CustomerRecordExport"/>).</summary>
public static class RecordExports
{
    public static CustomerRecordExport From(CustomerProfile profile, CustomerBookkeeping bookkeeping)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(bookkeeping);
        var s = profile.Satisfaction;
        var e = profile.Engagement;
        return new CustomerRecordExport
        {
            CustomerId = profile.CustomerId,
            EventsApplied = profile.EventsApplied,
            UpdatedAt = profile.UpdatedAt,
            Orders = profile.Orders.ToImmutableSortedDictionary(
                o => o.Key, o => new OrderExport(o.Value.CompletedAt, o.Value.Revenue, o.Value.CompletionMessageId, o.Value.Refunded, o.Value.FullyRefunded, o.Value.Cancelled),
                StringComparer.Ordinal),
            ArchivedOrders = profile.ArchivedOrders is { } a ? new OrderArchiveExport(a.Count, a.Revenue, a.First, a.Last, a.Gaps.ToImmutableSortedDictionary(), a.Days, a.FirstDayRevenue) : null,
            Satisfaction = new SatisfactionExport
            {
                LatestCsat = Stamp(s.LatestCsat),
                LatestNps = Stamp(s.LatestNps),
                LatestReview = Stamp(s.LatestReview),
                LatestSentiment = s.LatestSentiment is { } sentiment ? new StampedExport<string>(sentiment.Value.ToString(), sentiment.At, sentiment.MessageId) : null,
                CsatCount = s.CsatCount, CsatSum = s.CsatSum, NpsCount = s.NpsCount, NpsSum = s.NpsSum,
                ReviewCount = s.ReviewCount, ReviewSum = s.ReviewSum,
                PositiveFeedback = s.PositiveFeedback, NeutralFeedback = s.NeutralFeedback, NegativeFeedback = s.NegativeFeedback,
                Tickets = s.Tickets.ToImmutableSortedDictionary(t => t.Key, t => new TicketExport(t.Value.OpenedAt, t.Value.ResolvedAt, t.Value.SlaBreached), StringComparer.Ordinal),
            },
            Engagement = new EngagementExport(e.PageViews, e.ScreenViews, e.TrackedEvents, e.Shares, e.Comments, e.Referrals, e.FirstSeen, e.LastSeen, e.SessionCount),
            Traits = profile.Traits.ToImmutableSortedDictionary(t => t.Key, t => new StampedExport<string>(t.Value.Value, t.Value.At, t.Value.MessageId), StringComparer.Ordinal),
            Identities = [.. profile.Identities],
            MergedFrom = [.. profile.MergedFrom],
            Timeline = [.. profile.Timeline.Select(t => new TimelineEntryView(t.MessageId, t.Timestamp, t.Kind, t.Description))],
            AppliedMessages = new AppliedMessagesExport(profile.AppliedMessages.Capacity, [.. profile.AppliedMessages.Ids]),
            Classes = profile.Classes.ToImmutableSortedDictionary(c => c.Key, c => new ClassExport(c.Value.Value, c.Value.Since, c.Value.CausedBy), StringComparer.Ordinal),
            ReportedContribution = bookkeeping.ReportedContribution is { } packed ? Contribution(PopulationContribution.Unpack(packed)) : null,
            ScheduledCheck = bookkeeping.ScheduledCheck,
            MergedInto = bookkeeping.MergedInto,
            EmailAddresses = [.. bookkeeping.EmailAddresses ?? []],
        };
    }

    private static StampedExport<int>? Stamp(Stamped<int>? value) => value is { } v ? new StampedExport<int>(v.Value, v.At, v.MessageId) : null;

    private static ContributionExport Contribution(PopulationContribution c) =>
        new(c.LastOrderDay, c.Frequency, c.Monetary, c.Classes.ToImmutableSortedDictionary(StringComparer.Ordinal),
            c.History is { } h ? new PurchaseHistoryExport(h.FirstPurchaseDay, h.LastPurchaseDay, h.RepeatPurchases, h.MeanRepeatValue) : null);
}
