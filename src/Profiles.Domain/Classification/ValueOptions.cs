namespace Profiles.Domain.Classification;

/// <summary>Settings under <c>Profiles:Value</c>.</summary>
public sealed class ValueOptions
{
    /// <summary>Net revenue in the RFM window from which a customer is class A (default 1000).</summary>
    public decimal AFrom { get; set; } = 1000m;

    /// <summary>Net revenue in the RFM window from which a customer is class B (default 250).</summary>
    public decimal BFrom { get; set; } = 250m;

    /// <summary>Average order value from which purchasing power is high (default 150).</summary>
    public decimal HighAverageOrderFrom { get; set; } = 150m;

    /// <summary>Average order value from which purchasing power is medium (default 50).</summary>
    public decimal MediumAverageOrderFrom { get; set; } = 50m;
}
