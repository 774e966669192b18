namespace Profiles.Domain.Classification;

/// <summary>The names of the dimensions a customer is classified in; the same strings appear in the API and on the wire.</summary>
public static class Dimensions
{
    public const string Rfm = "rfm";
    public const string Lifecycle = "lifecycle";
    public const string Satisfaction = "satisfaction";
    public const string Nps = "nps";
    public const string Value = "value";
    public const string PurchasingPower = "purchasingPower";

    /// <summary>Every dimension, in display order.</summary>
    public static IReadOnlyList<string> All { get; } = [Rfm, Lifecycle, Satisfaction, Nps, Value, PurchasingPower];
}
