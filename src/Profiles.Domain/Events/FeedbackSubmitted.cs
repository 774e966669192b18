namespace Profiles.Domain.Events;

/// <summary>Free-form feedback with its sentiment (<c>Feedback Submitted</c>).</summary>
[GenerateSerializer, Immutable]
public sealed record FeedbackSubmitted : CustomerEvent
{
    [Id(0)] public required Sentiment Sentiment { get; init; }

    public override string Kind => "Feedback Submitted";

    public override string Describe() => $"feedback: {Sentiment.ToString().ToLowerInvariant()}";
}
