namespace Profiles.Abstractions.Grains;

/// <summary>
/// One identity (an anonymous id, a previous user id), keyed by itself: records, durably, which customer it turned out
/// to be. The first claim wins and never changes, so anyone may cache a resolved identity.
/// </summary>
public interface IIdentityGrain : IGrainWithStringKey
{
    /// <summary>The customer this identity resolved to, or null while it is nobody else's. Read-only: runs alongside a link.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<string?> ResolveAsync();

    /// <summary>
    /// Claims this identity for <paramref name="customerId"/> unless an earlier claim won, makes sure the identity's own
    /// profile is merged into the winner (exactly once, however often this is called), and returns the winner. A claim
    /// that would close a circle (<paramref name="customerId"/> already resolves, through any chain of claims, to this
    /// identity) is refused: nothing changes and this identity is returned, as it already is that customer. So is a merge
    /// the identity's profile refuses (see <see cref="ICustomerGrain.MergeIntoAsync"/>): then the claim is withdrawn and
    /// the customer records the refused link. Interleaved: it holds no identity while it reads the chain, and takes the
    /// two it claims with <see cref="ClaimAsync"/>.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<string> LinkAsync(string customerId, LinkKind kind = LinkKind.Anonymous);

    /// <summary>
    /// The claim step of a link, called on the lesser (ordinal) of the claim's identity and root, which holds itself and
    /// calls the greater; the greater checks and stores the claim while both are held. Locks are always taken in that
    /// order, so two links can never wait for each other. Returns the customer the identity resolves to (an earlier
    /// claim wins), or null when the root was claimed meanwhile (read the chain again).
    /// </summary>
    Task<string?> ClaimAsync(IdentityClaim claim);

    /// <summary>
    /// Stores this identity's claim for <paramref name="customerId"/> on behalf of <see cref="ClaimAsync"/>, which holds this
    /// identity meanwhile (hence interleaved); an earlier claim wins. Returns the customer it resolves to.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<string> CommitClaimAsync(string customerId, LinkKind kind = LinkKind.Anonymous);

    /// <summary>
    /// Merges this identity's own profile into the customer it resolved to, once (a retry finishes a half-done merge);
    /// returns that customer, or null while the identity is nobody's (also when its profile refused the merge, which
    /// withdraws the claim).
    /// </summary>
    Task<string?> MergeProfileAsync();

    /// <summary>The stored record (GDPR export). Read-only: runs alongside a link.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<Views.IdentityRecordView> GetRecordAsync();

    /// <summary>
    /// Deletes the record when this identity resolved to <paramref name="customerId"/> (that customer is being erased), so
    /// the identity is nobody's again; does nothing otherwise. Idempotent.
    /// </summary>
    Task ForgetAsync(string customerId);
}
