namespace Profiles.Grains.IdentityClaims;

/// <summary>Settings under <c>Profiles:Identity</c>: what identity calls may merge.</summary>
public sealed class IdentityOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Profiles:Identity";

    /// <summary>
    /// Whether an <c>alias</c> call may merge a known customer (a profile with a user id of its own) into another, as
    /// Segment does (default true). False refuses it like a takeover through an anonymous id: the two stay apart and the
    /// refused link shows in the customer's profile. Either way an anonymous id never merges a known customer.
    /// </summary>
    public bool AllowAliasOfKnownCustomers { get; set; } = true;

    /// <summary>
    /// How often each silo reads the erasure log to drop its cached links to erased customers (default 2 s): the longest
    /// a silo that missed an erasure's push may still route an anonymous id to the erased customer.
    /// </summary>
    public TimeSpan ErasureLogInterval { get; set; } = TimeSpan.FromSeconds(2);
}
