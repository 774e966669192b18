using Profiles.Abstractions.Views;

namespace Profiles.Abstractions.Export;

/// <summary>What the customer grain answers to an export: its record as stored, and the live view of it.</summary>
[GenerateSerializer, Immutable]
public sealed record CustomerDataExport([property: Id(0)] CustomerRecordExport Record, [property: Id(1)] CustomerProfileView View);
