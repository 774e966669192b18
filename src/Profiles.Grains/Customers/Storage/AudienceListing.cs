namespace Profiles.Grains.Customers.Storage;

/// <summary>
/// What the membership index holds for this customer, as far as the customer knows: recorded in the write that changes
/// its classes, so the index is told exactly what storage holds, however writes fail and activations reload.
/// </summary>
[GenerateSerializer]
public sealed class AudienceListing
{
    /// <summary>The stamp of the listing: greater with every write that changes the customer's classes.</summary>
    [Id(0)] public long Stamp { get; set; }

    /// <summary>How many classes are listed (0: none, a profile merged away): a dimension dropped without a change shows here.</summary>
    [Id(1)] public int Classes { get; set; }

    /// <summary>
    /// Whether the index may not hold this listing yet: set by the write that makes it, cleared by a later write once the
    /// index confirmed it. While set, an activation that loads the row hands it over again (the index ignores a repeat).
    /// </summary>
    [Id(2)] public bool Pending { get; set; }

    /// <summary>
    /// The time bucket the customer entered to finish the hand-over should its silo die first, or null. Apart from its
    /// regular check (<see cref="CustomerBookkeeping.ScheduledCheck"/>), so that waking for it costs no rescheduling write.
    /// </summary>
    [Id(3)] public long? RecoveryCheck { get; set; }
}
