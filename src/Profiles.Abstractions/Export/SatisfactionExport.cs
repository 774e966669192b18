using System.Collections.Immutable;

namespace Profiles.Abstractions.Export;

/// <summary>Survey answers, reviews, feedback and support tickets (see <see cref="CustomerRecordExport"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record SatisfactionExport
{
    [Id(0)] public StampedExport<int>? LatestCsat { get; init; }
    [Id(1)] public StampedExport<int>? LatestNps { get; init; }
    [Id(2)] public StampedExport<int>? LatestReview { get; init; }
    [Id(3)] public StampedExport<string>? LatestSentiment { get; init; }
    [Id(4)] public int CsatCount { get; init; }
    [Id(5)] public int CsatSum { get; init; }
    [Id(6)] public int NpsCount { get; init; }
    [Id(7)] public int NpsSum { get; init; }
    [Id(8)] public int ReviewCount { get; init; }
    [Id(9)] public int ReviewSum { get; init; }
    [Id(10)] public int PositiveFeedback { get; init; }
    [Id(11)] public int NeutralFeedback { get; init; }
    [Id(12)] public int NegativeFeedback { get; init; }
    [Id(13)] public required ImmutableSortedDictionary<string, TicketExport> Tickets { get; init; }
}
