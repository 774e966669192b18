namespace Profiles.Abstractions.Grains;

/// <summary>How a call says that an identity is a customer, which decides what may be merged.</summary>
[GenerateSerializer]
public enum LinkKind
{
    /// <summary>
    /// The call's <c>anonymousId</c> beside its <c>userId</c>: a visitor who signed in. Only a profile without a user id of
    /// its own (an anonymous visitor's) merges this way; a known customer's is never taken over through an anonymous id.
    /// </summary>
    Anonymous = 0,

    /// <summary>
    /// An <c>alias</c> call's <c>previousId</c>: the explicit merge of two ids. A known customer merges this way too while
    /// <c>Profiles:Identity:AllowAliasOfKnownCustomers</c> is true (the default, as Segment does).
    /// </summary>
    Alias = 1,
}
