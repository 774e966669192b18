namespace Profiles.Abstractions.Export;

/// <summary>A value with the time and message that set it (see <see cref="CustomerRecordExport"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record StampedExport<T>([property: Id(0)] T Value, [property: Id(1)] DateTimeOffset At, [property: Id(2)] string MessageId);
