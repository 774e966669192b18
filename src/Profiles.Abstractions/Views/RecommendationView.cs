namespace Profiles.Abstractions.Views;

/// <summary>A recommended next action for the customer, from the playbook rule of one of its classes.</summary>
[GenerateSerializer, Immutable]
public sealed record RecommendationView(
    [property: Id(0)] string Dimension,
    [property: Id(1)] string Class,
    [property: Id(2)] string Action,
    [property: Id(3)] string Channel,
    [property: Id(4)] int Priority,
    [property: Id(5)] string Reason);
