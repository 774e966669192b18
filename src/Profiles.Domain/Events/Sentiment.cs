namespace Profiles.Domain.Events;

/// <summary>The sentiment of a piece of free-form feedback.</summary>
public enum Sentiment
{
    Negative = -1,
    Neutral = 0,
    Positive = 1,
}
