using Profiles.Abstractions.Export;

namespace Profiles.Host.Apis;

/// <summary>
/// One identity linked to an exported customer: its record (the customer it resolved to, whether its profile was merged
/// into it) and its own merged-away profile as it is stored, if one is.
/// </summary>
public sealed record IdentityExport(string Identity, string? ResolvesTo, bool Merged, CustomerRecordExport? MergedProfile);
