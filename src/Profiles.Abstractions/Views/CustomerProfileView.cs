using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Profiles.Abstractions.Views;

/// <summary>
/// A customer's live profile as read by agents and back offices: raw RFM values and scores, the class in every
/// dimension (with reason and since when), the figures behind them and the recent timeline, as of <see cref="AsOf"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CustomerProfileView
{
    [Id(0)] public required string CustomerId { get; init; }

    /// <summary>Days since the last order; null when the customer never ordered.</summary>
    [Id(1)] public required int? Recency { get; init; }

    /// <summary>Orders in the RFM window.</summary>
    [Id(2)] public required int Frequency { get; init; }

    /// <summary>Net revenue in the RFM window, in the base currency.</summary>
    [Id(3)] public required decimal Monetary { get; init; }

    [Id(4)] public required RfmScoresView Scores { get; init; }

    /// <summary>The RFM segment (the <c>rfm</c> dimension's class).</summary>
    [Id(5), JsonPropertyName("segment")] public required string RfmSegment { get; init; }

    [Id(6)] public required string Lifecycle { get; init; }
    [Id(7)] public required string Satisfaction { get; init; }
    [Id(8)] public required string Nps { get; init; }
    [Id(9)] public required string ValueTier { get; init; }
    [Id(10)] public required string PurchasingPower { get; init; }

    /// <summary>Every dimension's class with reason, since when and the event that caused it.</summary>
    [Id(11)] public required ImmutableSortedDictionary<string, ClassView> Classes { get; init; }

    [Id(12)] public required OrdersView Orders { get; init; }
    [Id(13)] public required FeedbackView Feedback { get; init; }
    [Id(14)] public required EngagementView Engagement { get; init; }
    [Id(15)] public required ImmutableSortedDictionary<string, string> Traits { get; init; }
    [Id(16)] public required ImmutableArray<string> Identities { get; init; }

    /// <summary>
    /// Ids a call linked to this customer where the link was refused: the profile under each is another known customer's
    /// (the latest 20). Neither profile changed; the call's events were kept for this customer.
    /// </summary>
    [Id(22)] public ImmutableArray<string> RefusedIdentities { get; init; } = [];
    [Id(17)] public required ImmutableArray<TimelineEntryView> RecentEvents { get; init; }
    [Id(18)] public required long EventsApplied { get; init; }
    [Id(19)] public required int RfmWindowDays { get; init; }
    [Id(20)] public required DateTimeOffset AsOf { get; init; }

    /// <summary>The playbook's recommended actions for the customer's current classes, highest priority first.</summary>
    [Id(21)] public ImmutableArray<RecommendationView> Recommendations { get; init; } = [];

    /// <summary>What the population models predict for the customer now; null before a model exists or for a customer who never bought.</summary>
    [Id(23)] public PredictionsView? Predictions { get; init; }
}
