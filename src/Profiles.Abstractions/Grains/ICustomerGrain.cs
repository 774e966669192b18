using System.Collections.Immutable;
using Profiles.Abstractions.Audiences;
using Profiles.Abstractions.Export;
using Profiles.Abstractions.Views;
using Profiles.Domain.Events;

namespace Profiles.Abstractions.Grains;

/// <summary>One customer, keyed by its customer id: the only writer of that customer's profile.</summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Folds the events into the profile and returns once the result is durably stored; concurrent calls share one
    /// storage write. Events already applied (same message id) count as duplicates and change nothing.
    /// Throws when the profile could not be stored: then none of these events can be considered kept.
    /// <paramref name="byUserId"/> says the events were addressed to this id as a <c>userId</c>: the profile is then a
    /// known customer's, and a profile merged away as an anonymous visitor of the same text takes itself back for it.
    /// </summary>
    Task<ApplyResult> ApplyAsync(ImmutableArray<CustomerEvent> events, bool byUserId = false);

    /// <summary>
    /// Brings the classes up to date with the clock (a silent customer turns dormant), stores and publishes any change,
    /// and schedules the next such check. Called by the time buckets.
    /// </summary>
    Task WakeAsync();

    /// <summary>The live profile at the current time, or null when the customer has never sent an event.</summary>
    Task<CustomerProfileView?> GetProfileAsync();

    /// <summary>
    /// Merges this profile into <paramref name="customerId"/> (it was an anonymous visitor who turned out to be that
    /// customer): the profile is stored as merged away, the customer merges its facts (<see cref="MergeFromAsync"/>),
    /// and everything that arrives for it from then on is forwarded. Idempotent: a repeated call sends the same facts,
    /// which the customer merges once. Returns the customer the profile now forwards to, or this profile's
    /// own id when it refuses: a known customer's profile (it has a user id of its own) is never merged through an
    /// anonymous id, and through an alias only while <c>Profiles:Identity:AllowAliasOfKnownCustomers</c> is true.
    /// </summary>
    Task<string> MergeIntoAsync(string customerId, LinkKind kind = LinkKind.Anonymous);

    /// <summary>
    /// Records that a call linked <paramref name="identity"/> to this customer and the link was refused (the profile under
    /// that identity is another known customer's): shown with the profile's identities, counted in a metric.
    /// </summary>
    Task RecordRefusedLinkAsync(string identity);

    /// <summary>Merges another customer's profile into this one, once per source profile; stored on return.</summary>
    Task<ApplyResult> MergeFromAsync(MergedProfile profile);

    /// <summary>
    /// Erases the customer (GDPR), in turn with its other writes: the records of its linked identities, the profiles merged
    /// into it, its e-mail directory entries, its share of the population statistics and finally its stored profile (the
    /// row is deleted), then pushes the removal. A profile merged away erases the customer it was merged into. Returns
    /// what was erased, or null when nothing is stored; a later event starts a fresh profile.
    /// </summary>
    Task<ErasedCustomer?> EraseAsync();

    /// <summary>
    /// Erases this profile when it was merged away into <paramref name="customerId"/> (that customer is being erased): its
    /// stored facts as they were merged and its own e-mail directory entries. Does nothing otherwise.
    /// </summary>
    Task EraseMergedAwayAsync(string customerId);

    /// <summary>
    /// Everything the customer grain stores about its customer (GDPR export), with the live view; follows a merge like
    /// <see cref="GetProfileAsync"/>. Null when nothing is stored.
    /// </summary>
    Task<CustomerDataExport?> ExportAsync();

    /// <summary>This profile's stored record as it is, without following a merge (a merged-away profile included); null when none.</summary>
    Task<CustomerRecordExport?> GetStoredAsync();

    /// <summary>
    /// Audiences: reclassifies the customer with the runtime custom segments of at least catalog version
    /// <paramref name="customSegmentsVersion"/> (this silo reads the catalog first when it is behind), stores and lists any
    /// change, as a wake-up does. Called by a custom segment's backfill for every known customer; a profile merged away does
    /// nothing.
    /// </summary>
    Task ReclassifyAsync(long customSegmentsVersion);

    /// <summary>
    /// Audiences: the values of profile fields (<c>email</c>, <c>monetary</c>, <c>traits.plan</c>, …) for a member
    /// listing, as of the profile's last write (nothing is written); empty when no profile is stored.
    /// </summary>
    Task<ImmutableArray<MemberFieldValue>> ReadFieldsAsync(ImmutableArray<string> fields);
}
