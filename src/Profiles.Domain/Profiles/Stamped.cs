namespace Profiles.Domain.Profiles;

/// <summary>
/// A last-writer-wins value: of two writes the one with the later timestamp wins, ties broken by the greater
/// message id, so the result is the same whatever order the writes arrive in.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct Stamped<T>([property: Id(0)] T Value, [property: Id(1)] DateTimeOffset At, [property: Id(2)] string MessageId)
{
    /// <summary>Whether this write supersedes <paramref name="other"/>.</summary>
    public bool Supersedes(Stamped<T>? other) =>
        other is not { } o || At > o.At || (At == o.At && string.CompareOrdinal(MessageId, o.MessageId) > 0);
}
