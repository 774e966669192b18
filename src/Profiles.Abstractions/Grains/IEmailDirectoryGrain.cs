namespace Profiles.Abstractions.Grains;

/// <summary>
/// One e-mail address (key: the address in lower case) and the customer whose <c>email</c> trait it is. Unlike an
/// identity an address can move to another customer: the latest trait, by event time, wins.
/// </summary>
public interface IEmailDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Records that <paramref name="customerId"/> has this address since <paramref name="at"/>, unless a later record exists.</summary>
    Task RecordAsync(string customerId, DateTimeOffset at);

    /// <summary>The customer with this address, or null.</summary>
    Task<string?> FindAsync();

    /// <summary>The entry, or null (GDPR export).</summary>
    Task<Views.EmailEntryView?> GetEntryAsync();

    /// <summary>Deletes the entry when <paramref name="customerId"/> still has the address (that customer is being erased); idempotent.</summary>
    Task ForgetAsync(string customerId);
}
