using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Profiles.Host.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Profiles.Host.Tests.Statistics;

/// <summary>
/// Replays a generated history through the running service and checks every profile against a batch computation written
/// here from the design's definitions, without the domain's classifiers (fixed breakpoints, default thresholds).
/// </summary>
public sealed class ReplayTests(ITestOutputHelper output)
{
    private const int Customers = 5_000;
    private const int Events = 50_000;

    [Fact]
    public async Task Replaying50000OrdersRefundsAndSurveysInRandomOrderWithDuplicatesGivesEveryCustomerTheBatchComputedRfmAndClasses()
    {
        var clock = Stopwatch.StartNew();
        await using var app = new ProfilesApp(settings: new Dictionary<string, string?> { ["Profiles:Rfm:Breakpoints:Mode"] = "Fixed" });
        var random = new Random(4_2024);
        var now = DateTimeOffset.UtcNow;
        var history = Generate(random, now);

        // Random order, 5% sent twice (the same message id), in batches of 300 posted 8 at a time.
        var sends = history.Concat(history.Where(_ => random.NextDouble() < 0.05)).OrderBy(_ => random.Next()).ToList();
        var writer = app.WriteClient();
        await Parallel.ForEachAsync(sends.Chunk(300), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (chunk, token) =>
        {
            var response = await writer.PostAsJsonAsync("/v1/batch", new JsonObject { ["batch"] = new JsonArray([.. chunk.Select(e => e.Json.DeepClone())]) }, token);
            response.EnsureSuccessStatusCode();
        });
        output.WriteLine($"{history.Count} events ({sends.Count} sends) replayed in {clock.Elapsed.TotalSeconds:0.0} s");

        var byCustomer = history.GroupBy(e => e.Customer).ToDictionary(g => g.Key, g => g.ToList());
        var agent = app.ApiClient(TestKeys.Agent);
        var mismatches = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(byCustomer, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (customer, token) =>
        {
            var profile = (await agent.GetFromJsonAsync<JsonObject>(new Uri($"/api/customers/{customer.Key}", UriKind.Relative), token))!;
            var asOf = profile["asOf"]!.GetValue<DateTimeOffset>();
            var actual = Observed(profile);
            // The profile is classified a moment before it states asOf: a day boundary in between is the only tolerance.
            var expected = Expected(customer.Value, asOf);
            if (expected != actual && Expected(customer.Value, asOf.AddSeconds(-2)) != actual)
                mismatches.Add($"{customer.Key}: expected {expected}, got {actual}");
        });
        output.WriteLine($"{byCustomer.Count} profiles compared after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(Customers, byCustomer.Count);
        Assert.True(mismatches.IsEmpty, string.Join("\n", mismatches.Take(10)));
    }

    private static List<Event> Generate(Random random, DateTimeOffset now)
    {
        var events = new List<Event>(Events);
        var customer = 0;
        while (events.Count < Events)
        {
            var id = $"replay-{customer++ % Customers}";
            var orders = random.Next(1, 6);
            for (var o = 0; o < orders && events.Count < Events; o++)
            {
                var orderId = $"{id}-{Guid.NewGuid():N}";
                var at = now.AddMinutes(-random.Next(60, 500 * 24 * 60));
                var revenue = Math.Round((decimal)(random.NextDouble() * random.NextDouble() * 900) + 1, 2);
                events.Add(Event.Order(id, orderId, revenue, at));
                if (random.NextDouble() < 0.25)
                {
                    decimal? amount = random.NextDouble() < 0.5 ? Math.Round(revenue * (decimal)random.NextDouble(), 2) + 0.01m : null;
                    var refundedAt = at.AddMinutes(random.Next(1, 5000));
                    events.Add(Event.Refund(id, orderId, amount, refundedAt < now ? refundedAt : now.AddMinutes(-1)));
                }
            }
            if (events.Count < Events && random.NextDouble() < 0.7)
            {
                int? csat = random.NextDouble() < 0.7 ? random.Next(1, 6) : null;
                int? nps = csat is null || random.NextDouble() < 0.5 ? random.Next(0, 11) : null;
                events.Add(Event.Survey(id, csat, nps, now.AddMinutes(-random.Next(1, 400 * 24 * 60)).AddMilliseconds(random.Next(1000))));
            }
        }
        return events;
    }

    private static string Observed(JsonObject p)
    {
        var scores = p["scores"]!;
        string Class(string dimension) => p["classes"]![dimension]!["value"]!.GetValue<string>();
        return string.Create(CultureInfo.InvariantCulture,
            $"R={p["recency"]?.GetValue<int?>()} F={p["frequency"]!.GetValue<int>()} M={p["monetary"]!.GetValue<decimal>()} " +
            $"scores={scores["r"]?.GetValue<int?>()}/{scores["f"]?.GetValue<int?>()}/{scores["m"]?.GetValue<int?>()} " +
            $"rfm={Class("rfm")} lifecycle={Class("lifecycle")} value={Class("value")} satisfaction={Class("satisfaction")} nps={Class("nps")}");
    }

    /// <summary>The design's definitions, computed in one pass over the customer's whole history.</summary>
    private static string Expected(List<Event> events, DateTimeOffset now)
    {
        var orders = events.Where(e => e.Kind == "order").ToDictionary(e => e.OrderId!);
        decimal Net(Event order)
        {
            var refunds = events.Where(e => e.Kind == "refund" && e.OrderId == order.OrderId).ToList();
            if (refunds.Any(r => r.Amount is null)) return 0m;
            return Math.Max(0m, order.Amount!.Value - refunds.Sum(r => r.Amount!.Value));
        }
        static int Days(DateTimeOffset from, DateTimeOffset to) => Math.Max(0, (int)Math.Floor((to - from).TotalDays));

        var last = orders.Values.Max(o => o.At);
        var first = orders.Values.Min(o => o.At);
        var inWindow = orders.Values.Where(o => o.At > now.AddDays(-365)).ToList();
        var recency = Days(last, now);
        var frequency = inWindow.Count;
        var monetary = inWindow.Sum(Net);
        var r = 5 - new[] { 14, 30, 90, 180 }.Count(b => recency > b);
        var f = 1 + new[] { 1, 2, 4, 8 }.Count(b => frequency > b);
        var m = 1 + new[] { 50m, 150m, 400m, 1000m }.Count(b => monetary > b);
        var segment = (r, f) switch
        {
            ( <= 2, <= 2) => "hibernating",
            ( <= 2, <= 4) => "at-risk",
            ( <= 2, _) => "cannot-lose-them",
            (3, <= 2) => "about-to-sleep",
            (3, 3) => "need-attention",
            (3, _) => "loyal-customers",
            (4, 1) => "promising",
            (4, <= 3) => "potential-loyalists",
            (4, _) => "loyal-customers",
            (_, 1) => "new-customers",
            (_, <= 3) => "potential-loyalists",
            _ => "champions",
        };
        var lifecycle = Days(first, now) <= 30 ? "new" : recency <= 90 ? "active" : recency <= 180 ? "dormant" : "churned";
        var value = monetary >= 1000m ? "A" : monetary >= 250m ? "B" : "C";

        Event? Latest(Func<Event, bool> has) => events.Where(e => e.Kind == "survey" && has(e))
            .OrderByDescending(e => e.At).ThenByDescending(e => e.MessageId, StringComparer.Ordinal).FirstOrDefault();
        var csat = Latest(e => e.Csat is not null)?.Csat;
        var nps = Latest(e => e.Nps is not null)?.Nps;
        var signals = new List<double>();
        if (csat is { } c) signals.Add((c - 3) / 2.0);
        if (nps is { } n) signals.Add(n >= 9 ? 1 : n >= 7 ? 0 : -1);
        var satisfaction = signals.Count == 0 ? "unknown" : signals.Average() >= 0.3 ? "satisfied" : signals.Average() <= -0.3 ? "unsatisfied" : "neutral";
        var npsClass = nps is null ? "none" : nps >= 9 ? "promoter" : nps >= 7 ? "passive" : "detractor";

        return string.Create(CultureInfo.InvariantCulture,
            $"R={recency} F={frequency} M={monetary} scores={r}/{f}/{m} rfm={segment} lifecycle={lifecycle} value={value} satisfaction={satisfaction} nps={npsClass}");
    }

    private sealed record Event(string Customer, string Kind, string MessageId, DateTimeOffset At, JsonObject Json)
    {
        public string? OrderId { get; init; }
        public decimal? Amount { get; init; }
        public int? Csat { get; init; }
        public int? Nps { get; init; }

        public static Event Order(string customer, string orderId, decimal revenue, DateTimeOffset at)
        {
            var json = Segment.Order(customer, orderId, revenue, at: at);
            return new Event(customer, "order", json["messageId"]!.GetValue<string>(), at, json) { OrderId = orderId, Amount = revenue };
        }

        public static Event Refund(string customer, string orderId, decimal? amount, DateTimeOffset at)
        {
            var properties = new JsonObject { ["order_id"] = orderId };
            if (amount is { } a) properties["total"] = a;
            var json = Segment.Track(customer, "Order Refunded", properties, at: at);
            return new Event(customer, "refund", json["messageId"]!.GetValue<string>(), at, json) { OrderId = orderId, Amount = amount };
        }

        public static Event Survey(string customer, int? csat, int? nps, DateTimeOffset at)
        {
            var properties = new JsonObject();
            if (csat is not null) properties["csat"] = csat;
            if (nps is not null) properties["nps"] = nps;
            var json = Segment.Track(customer, "Survey Responded", properties, at: at);
            return new Event(customer, "survey", json["messageId"]!.GetValue<string>(), at, json) { Csat = csat, Nps = nps };
        }
    }
}
