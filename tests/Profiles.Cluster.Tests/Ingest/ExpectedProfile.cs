using System.Text.Json.Nodes;

namespace Profiles.Cluster.Tests.Ingest;

/// <summary>The figures a customer's profile must show, computed from the events the client saw acknowledged.</summary>
internal sealed record ExpectedProfile(int Orders, decimal Revenue, int Surveys, long Events)
{
    /// <summary>One expected profile per customer; each event counts once however often it was sent.</summary>
    public static Dictionary<string, ExpectedProfile> From(IEnumerable<TestEvent> acknowledged) =>
        acknowledged
            .DistinctBy(e => e.MessageId)
            .GroupBy(e => e.CustomerId, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => new ExpectedProfile(g.Count(e => e.IsOrder), g.Where(e => e.IsOrder).Sum(e => e.Revenue), g.Count(e => !e.IsOrder), g.LongCount()),
                StringComparer.Ordinal);

    /// <summary>Where <paramref name="profile"/> (the API's JSON) differs; empty when it matches.</summary>
    public IEnumerable<string> Differences(JsonNode profile)
    {
        var orders = profile["orders"]!;
        (string Field, object Expected, object Actual)[] checks =
        [
            ("frequency", Orders, profile["frequency"]!.GetValue<int>()),
            ("monetary", Revenue, profile["monetary"]!.GetValue<decimal>()),
            ("eventsApplied", Events, profile["eventsApplied"]!.GetValue<long>()),
            ("orders.lifetime", Orders, orders["lifetime"]!.GetValue<int>()),
            ("orders.lifetimeRevenue", Revenue, orders["lifetimeRevenue"]!.GetValue<decimal>()),
            ("feedback.surveys", Surveys, profile["feedback"]!["surveys"]!.GetValue<int>()),
        ];
        return checks.Where(c => !c.Expected.Equals(c.Actual)).Select(c => $"{c.Field} {c.Actual}, expected {c.Expected}");
    }
}
