namespace Profiles.Abstractions.Grains;

/// <summary>
/// How many of the events a customer was given were new and how many it had already applied, and whether they made a new
/// customer (nothing was stored for it before).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ApplyResult([property: Id(0)] int Applied, [property: Id(1)] int Duplicates, [property: Id(2)] bool Created = false)
{
    /// <summary>Nothing applied, nothing repeated.</summary>
    public static readonly ApplyResult None = new(0, 0);
}
