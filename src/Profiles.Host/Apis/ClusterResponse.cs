using System.Collections.Immutable;

namespace Profiles.Host.Apis;

/// <summary>
/// One cluster: its name (the <c>cluster</c> class of its customers), its centre in the features' own units (<c>recency</c>
/// in days since the last order, <c>frequency</c> in orders and <c>monetary</c> in net revenue in the RFM window), the same
/// in standard deviations from the population's mean of the log-transformed feature, and its customers.
/// </summary>
public sealed record ClusterResponse(
    string Name, ImmutableSortedDictionary<string, double> Center, ImmutableSortedDictionary<string, double> Standardised, long Customers);
