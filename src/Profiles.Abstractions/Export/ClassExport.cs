namespace Profiles.Abstractions.Export;

/// <summary>The class held in one dimension, since when and what caused it (see <see cref="CustomerRecordExport"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record ClassExport([property: Id(0)] string Value, [property: Id(1)] DateTimeOffset Since, [property: Id(2)] string? CausedBy);
