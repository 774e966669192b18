using System.Globalization;

namespace Profiles.Domain.Classification;

/// <summary>Value tier (ABC by net revenue in the window) and purchasing power (by average order value).</summary>
public static class ValueClassifier
{
    public const string A = "A";
    public const string B = "B";
    public const string C = "C";

    public const string High = "high";
    public const string Medium = "medium";
    public const string Low = "low";
    public const string NoPurchases = "none";

    public static ClassAssignment Tier(OrderSummary orders, int windowDays, ValueOptions options, bool explain = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        var revenue = orders.RevenueInWindow;
        var tier = revenue >= options.AFrom ? A : revenue >= options.BFrom ? B : C;
        if (!explain) return new ClassAssignment(Dimensions.Value, tier, "");
        var rule = tier == A ? $"≥ {options.AFrom:0.##}" : tier == B ? $"≥ {options.BFrom:0.##}" : $"< {options.BFrom:0.##}";
        return new ClassAssignment(Dimensions.Value, tier,
            string.Create(CultureInfo.InvariantCulture, $"net revenue {revenue:0.##} in {windowDays} days ({rule})"));
    }

    /// <summary>ABC against population thresholds: above <see cref="AbcThresholds.AAbove"/> is A, above <see cref="AbcThresholds.BAbove"/> B.</summary>
    public static ClassAssignment Tier(OrderSummary orders, int windowDays, AbcThresholds thresholds, bool explain = true)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var revenue = orders.RevenueInWindow;
        var tier = (double)revenue > thresholds.AAbove ? A : (double)revenue > thresholds.BAbove ? B : C;
        if (!explain) return new ClassAssignment(Dimensions.Value, tier, "");
        var rule = tier == A ? $"above {thresholds.AAbove:0.##}: the top customers bringing 80% of revenue"
            : tier == B ? $"above {thresholds.BAbove:0.##}: the next customers bringing 15% of revenue"
            : $"at most {thresholds.BAbove:0.##}: the rest";
        return new ClassAssignment(Dimensions.Value, tier,
            string.Create(CultureInfo.InvariantCulture, $"net revenue {revenue:0.##} in {windowDays} days ({rule})"));
    }

    public static ClassAssignment PurchasingPower(OrderSummary orders, ValueOptions options, bool explain = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (orders.LifetimeOrders == 0) return new ClassAssignment(Dimensions.PurchasingPower, NoPurchases, "no orders yet");
        var average = orders.LifetimeRevenue / orders.LifetimeOrders;
        var power = average >= options.HighAverageOrderFrom ? High : average >= options.MediumAverageOrderFrom ? Medium : Low;
        return new ClassAssignment(Dimensions.PurchasingPower, power, !explain ? "" :
            string.Create(CultureInfo.InvariantCulture, $"average order {average:0.##} over {orders.LifetimeOrders} order{(orders.LifetimeOrders == 1 ? "" : "s")}"));
    }
}
