using Profiles.Abstractions.Grains;
using Profiles.Domain.Profiles;
using Profiles.Domain.Statistics;

namespace Profiles.Grains.Customers.Storage;

/// <summary>
/// What the customer grain keeps about its customer for itself, beside the profile's facts: its last report to the
/// population statistics, its time-bucket entry, where it was merged into, the e-mail directory entries it made,
/// the changes it still owes the webhook outboxes and its listing in the audience membership index.
/// Stored with the facts, in the same write, so each is exactly as true as the facts it goes with.
/// </summary>
[GenerateSerializer]
public sealed class CustomerBookkeeping
{
    /// <summary>
    /// What this customer last reported to the population statistics, so the next report removes exactly that, packed
    /// (<see cref="PopulationContribution.Pack"/>): every active customer holds one, and it is replaced whenever its
    /// figures or classes move, so it is kept as the small array it is stored as, never as the object with a dictionary of
    /// every class (which lived until the customer's next change and was promoted by every collection in between).
    /// </summary>
    [Id(0)] public byte[]? ReportedContribution { get; set; }

    /// <summary>The time bucket in which this customer is entered to be looked at again, or null.</summary>
    [Id(1)] public long? ScheduledCheck { get; set; }

    /// <summary>
    /// The customer this profile was merged into, or null. A merged-away profile keeps its facts as they were merged (so a
    /// repeated merge sends the same) and forwards everything that arrives for it.
    /// </summary>
    [Id(2)] public string? MergedInto { get; set; }

    /// <summary>Every address (directory key) this customer was entered under, so an erasure removes the earlier ones too.</summary>
    [Id(3)] public SortedSet<string>? EmailAddresses { get; set; }

    /// <summary>
    /// Whether events came for this id as a <c>userId</c> (a known customer), or only as an <c>anonymousId</c> (a visitor);
    /// null in a profile stored before it was recorded.
    /// </summary>
    [Id(4)] public bool? HasUserId { get; set; }

    /// <summary>How this profile was merged into <see cref="MergedInto"/>; null for merges stored before it was recorded (aliases).</summary>
    [Id(5)] public LinkKind? MergedAs { get; set; }

    /// <summary>
    /// Where events for this id as an <c>anonymousId</c> go: set when a user of the same id took this profile back from
    /// the customer its anonymous visitor was merged into. Events for the id as a <c>userId</c> stay here.
    /// </summary>
    [Id(6)] public string? AnonymousForward { get; set; }

    /// <summary>The latest identities whose link to this customer was refused (they are other known customers), oldest first.</summary>
    [Id(7)] public List<string>? RefusedLinks { get; set; }

    /// <summary>
    /// The class changes a webhook endpoint selects that are not known to be in the endpoints' outboxes yet, oldest first:
    /// recorded in the write that makes them, handed over after it, removed by the next write once handed over. While
    /// any is here the customer is scheduled to wake soon, so a crash between the write and the hand-over loses none.
    /// </summary>
    [Id(8)] public List<ClassChange>? Undelivered { get; set; }

    /// <summary>What the audience membership index holds for this customer (<see cref="AudienceListing"/>); null before the first listing.</summary>
    [Id(9)] public AudienceListing? Listing { get; set; }
}
