namespace Profiles.Host.Apis;

/// <summary>
/// A page of an audience: its classes, how many customers are in all of them now, the page's members (each its
/// <c>customerId</c> and the fields asked for) and the cursor of the next page (null after the last).
/// </summary>
public sealed record AudienceMembersResponse(
    string Dimension,
    string Class,
    IReadOnlyList<AudienceClassResponse> And,
    long Count,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Members,
    string? Next);
