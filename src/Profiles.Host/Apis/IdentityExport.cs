using Profiles.Abstractions.Export;

namespace Profiles.Host.Apis;

/// <summary>
/// One identity linked to an exported customer: its record (the customer it resolved to, whether its profile was handed
/// over) and the stored copy of its own profile as it was merged, if one is stored.
/// </summary>
public sealed record IdentityExport(string Identity, string? ResolvesTo, bool Merged, CustomerRecordExport? MergedProfile);
