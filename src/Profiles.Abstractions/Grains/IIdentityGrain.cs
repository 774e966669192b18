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
    /// profile is merged into the winner (exactly once, however often this is called), and returns the winner.
    /// </summary>
    Task<string> LinkAsync(string customerId);

    /// <summary>The stored record (GDPR export). Read-only: runs alongside a link.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<Views.IdentityRecordView> GetRecordAsync();

    /// <summary>
    /// Deletes the record when this identity resolved to <paramref name="customerId"/> (that customer is being erased), so
    /// the identity is nobody's again; does nothing otherwise. Idempotent.
    /// </summary>
    Task ForgetAsync(string customerId);
}
