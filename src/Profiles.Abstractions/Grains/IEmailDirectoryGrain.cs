using System.Collections.Immutable;

namespace Profiles.Abstractions.Grains;

/// <summary>
/// One e-mail address (key: the address in lower case) and the customers who claim it: those whose <c>email</c>
/// trait it is. Anyone holding a write key can claim any address, so the directory never picks one claimant: a lookup
/// sees every claim, and GDPR calls act on customer ids, not on addresses.
/// </summary>
public interface IEmailDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Records that <paramref name="customerId"/> claims this address since <paramref name="at"/> (a later time moves its claim on).</summary>
    Task RecordAsync(string customerId, DateTimeOffset at);

    /// <summary>Every claim, latest first (empty when none).</summary>
    Task<ImmutableArray<Views.EmailEntryView>> GetClaimsAsync();

    /// <summary>Withdraws <paramref name="customerId"/>'s claim (its address changed, or it is being erased); idempotent.</summary>
    Task ForgetAsync(string customerId);
}
