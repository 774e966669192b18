namespace Profiles.Domain.Classification;

/// <summary>Lifecycle stage: prospect → new → active → dormant → churned, reactivated by an order after dormancy.</summary>
public static class LifecycleClassifier
{
    public const string Prospect = "prospect";
    public const string New = "new";
    public const string Active = "active";
    public const string Dormant = "dormant";
    public const string Churned = "churned";

    public static ClassAssignment Classify(OrderSummary orders, DateTimeOffset now, LifecycleOptions options, bool explain = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (orders.LastOrder is not { } last || orders.FirstOrder is not { } first)
            return Assign(Prospect, "known, no order yet");

        var silent = OrderSummary.DaysBetween(last, now);
        var sinceFirst = OrderSummary.DaysBetween(first, now);
        var reactivated = !explain ? "" : orders.Reactivations switch
        {
            0 => "",
            1 => "; reactivated once",
            var n => $"; reactivated {n} times",
        };
        if (sinceFirst <= options.NewDays)
            return Assign(New, !explain ? "" : $"first order {sinceFirst} days ago (new for {options.NewDays} days)");
        if (silent <= options.ActiveDays)
            return Assign(Active, !explain ? "" : $"last order {silent} days ago (active within {options.ActiveDays}){reactivated}");
        if (silent <= options.ChurnDays)
            return Assign(Dormant, !explain ? "" : $"silent for {silent} days ({options.ActiveDays}–{options.ChurnDays} is dormant){reactivated}");
        return Assign(Churned, !explain ? "" : $"silent for {silent} days (over {options.ChurnDays} is churned){reactivated}");
    }

    private static ClassAssignment Assign(string value, string reason) => new(Dimensions.Lifecycle, value, reason);
}
