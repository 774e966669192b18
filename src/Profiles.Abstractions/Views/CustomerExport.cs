using Profiles.Domain.Profiles;

namespace Profiles.Abstractions.Views;

/// <summary>
/// What a customer grain holds about its customer: the stored profile as it is, and the live view of it. Not immutable:
/// the stored profile is the grain's own mutable state, so Orleans copies it on the way out.
/// </summary>
[GenerateSerializer]
public sealed record CustomerExport([property: Id(0)] CustomerProfile Stored, [property: Id(1)] CustomerProfileView View);
