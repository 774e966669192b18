namespace Profiles.Abstractions.Export;

/// <summary>One support ticket (see <see cref="CustomerRecordExport"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record TicketExport([property: Id(0)] DateTimeOffset? OpenedAt, [property: Id(1)] DateTimeOffset? ResolvedAt, [property: Id(2)] bool SlaBreached);
