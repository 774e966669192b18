using System.Collections.Immutable;
using Profiles.Abstractions.Export;
using Profiles.Abstractions.Views;

namespace Profiles.Host.Apis;

/// <summary>
/// Everything stored about one customer (GDPR export): the stored profile as it is (every fact, traits, orders,
/// tickets, surveys, the message-id window, the reported statistics contribution, the scheduled check, merge info), the
/// live view with classes and reasons as <c>GET /api/customers/{id}</c> has them, the records of its linked identities
/// and the e-mail directory entries that point at it.
/// </summary>
public sealed record CustomerExportResponse(
    string CustomerId,
    DateTimeOffset ExportedAt,
    CustomerRecordExport Profile,
    CustomerProfileView View,
    ImmutableArray<IdentityExport> Identities,
    ImmutableArray<EmailEntryView> EmailDirectory);
