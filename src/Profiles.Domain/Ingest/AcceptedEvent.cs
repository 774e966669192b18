using Profiles.Domain.Events;

namespace Profiles.Domain.Ingest;

/// <summary>
/// An event of a request that passed validation, with the customer it belongs to and its index in the request.
/// <paramref name="LinkedIdentity"/> is another identity the call says is this customer: the <c>anonymousId</c> of a
/// call that also has a <c>userId</c>, or the <c>previousId</c> of an <c>alias</c>; its profile merges into the customer's.
/// <paramref name="ByUserId"/> tells what <paramref name="CustomerId"/> is: the call's <c>userId</c> (a known customer), or
/// its <c>anonymousId</c> (a visitor). The two are different identities even when their text is the same.
/// </summary>
public sealed record AcceptedEvent(int Index, string CustomerId, CustomerEvent Event, string? LinkedIdentity = null, bool ByUserId = false);
