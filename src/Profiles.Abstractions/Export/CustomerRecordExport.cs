using System.Collections.Immutable;
using Profiles.Abstractions.Views;

namespace Profiles.Abstractions.Export;

/// <summary>
/// Everything the customer grain stores about its customer, in the export's own, versioned shape (GDPR access): the
/// facts the profile was folded into and the grain's bookkeeping of it. It is not the stored form (which is packed) nor
/// the domain type: <see cref="Format"/> names the shape, so a receiver can tell one release's export from another's.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CustomerRecordExport
{
    /// <summary>The shape of this export: 2 since stored profiles are packed (1 was the domain type as it was).</summary>
    public const int CurrentFormat = 2;

    [Id(0)] public int Format { get; init; } = CurrentFormat;
    [Id(1)] public required string CustomerId { get; init; }
    [Id(2)] public long EventsApplied { get; init; }
    [Id(3)] public DateTimeOffset? UpdatedAt { get; init; }
    [Id(4)] public required ImmutableSortedDictionary<string, OrderExport> Orders { get; init; }
    [Id(5)] public OrderArchiveExport? ArchivedOrders { get; init; }
    [Id(6)] public required SatisfactionExport Satisfaction { get; init; }
    [Id(7)] public required EngagementExport Engagement { get; init; }
    [Id(8)] public required ImmutableSortedDictionary<string, StampedExport<string>> Traits { get; init; }
    [Id(9)] public required ImmutableArray<string> Identities { get; init; }
    [Id(10)] public required ImmutableArray<string> MergedFrom { get; init; }
    [Id(11)] public required ImmutableArray<TimelineEntryView> Timeline { get; init; }
    /// <summary>The applied message ids the customer remembers (oldest first), to recognise retries.</summary>
    [Id(12)] public required AppliedMessagesExport AppliedMessages { get; init; }
    [Id(13)] public required ImmutableSortedDictionary<string, ClassExport> Classes { get; init; }

    /// <summary>What this customer last reported to the population statistics.</summary>
    [Id(20)] public ContributionExport? ReportedContribution { get; init; }

    /// <summary>The time bucket of its next time-driven check.</summary>
    [Id(21)] public long? ScheduledCheck { get; init; }

    /// <summary>The customer this profile was merged into (a merged-away profile), or null.</summary>
    [Id(22)] public string? MergedInto { get; init; }

    /// <summary>The e-mail directory addresses it was entered under.</summary>
    [Id(23)] public required ImmutableArray<string> EmailAddresses { get; init; }
}
