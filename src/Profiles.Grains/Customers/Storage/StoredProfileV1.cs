using Profiles.Domain.Profiles;
using Profiles.Domain.Statistics;

namespace Profiles.Grains.Customers.Storage;

/// <summary>
/// The first stored form of a customer's row: the whole profile through Orleans' serializer, as releases up to the
/// packed form wrote it (fields as numbered then). Only read, and turned into the profile and the bookkeeping; the next
/// write stores the packed form over it.
/// </summary>
[GenerateSerializer]
public sealed class StoredProfileV1
{
    [Id(0)] public string CustomerId { get; set; } = "";
    [Id(1)] public Dictionary<string, OrderRecord> Orders { get; set; } = new(StringComparer.Ordinal);
    [Id(2)] public SatisfactionFacts Satisfaction { get; set; } = new();
    [Id(3)] public EngagementFacts Engagement { get; set; } = new();
    [Id(4)] public Dictionary<string, Stamped<string>> Traits { get; set; } = new(StringComparer.Ordinal);
    [Id(5)] public SortedSet<string> Identities { get; set; } = new(StringComparer.Ordinal);
    [Id(6)] public List<TimelineEntry> Timeline { get; set; } = [];
    [Id(7)] public MessageIdWindow AppliedMessages { get; set; } = new();
    [Id(8)] public Dictionary<string, ClassState> Classes { get; set; } = new(StringComparer.Ordinal);
    [Id(9)] public long EventsApplied { get; set; }
    [Id(10)] public DateTimeOffset? UpdatedAt { get; set; }
    [Id(20)] public long? ScheduledCheck { get; set; }
    [Id(30)] public PopulationContribution? ReportedContribution { get; set; }
    [Id(40)] public SortedSet<string> MergedFrom { get; set; } = new(StringComparer.Ordinal);
    [Id(41)] public string? MergedInto { get; set; }
    [Id(50)] public SortedSet<string> EmailAddresses { get; set; } = new(StringComparer.Ordinal);
    [Id(60)] public OrderArchive? ArchivedOrders { get; set; }

    /// <summary>The profile it holds, with every history entry pending (the next write stores them all), and its bookkeeping.</summary>
    public (CustomerProfile Profile, CustomerBookkeeping Bookkeeping) Convert()
    {
        var profile = CustomerProfile.Create(CustomerId);
        profile.Orders = new Dictionary<string, OrderRecord>(Orders, StringComparer.Ordinal);
        profile.Satisfaction = Satisfaction;
        profile.Engagement = Engagement;
        profile.Traits = new Dictionary<string, Stamped<string>>(Traits, StringComparer.Ordinal);
        profile.Identities = new SortedSet<string>(Identities, StringComparer.Ordinal);
        profile.Timeline = Timeline;
        profile.AppliedMessages = AppliedMessages;
        profile.Classes = new Dictionary<string, ClassState>(Classes, StringComparer.Ordinal);
        profile.EventsApplied = EventsApplied;
        profile.UpdatedAt = UpdatedAt;
        profile.MergedFrom = new SortedSet<string>(MergedFrom, StringComparer.Ordinal);
        profile.ArchivedOrders = ArchivedOrders;
        profile.MarkAllChanged();
        var bookkeeping = new CustomerBookkeeping
        {
            ReportedContribution = ReportedContribution?.Pack(),
            ScheduledCheck = ScheduledCheck,
            MergedInto = MergedInto,
            EmailAddresses = EmailAddresses.Count > 0 ? new SortedSet<string>(EmailAddresses, StringComparer.Ordinal) : null,
        };
        return (profile, bookkeeping);
    }
}
