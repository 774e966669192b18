using System.Globalization;

namespace Profiles.Cluster.Tests.Ingest;

/// <summary>A reproducible stream of orders (unique order ids) and survey answers for many customers, shuffled.</summary>
internal static class EventGenerator
{
    public static IReadOnlyList<TestEvent> Generate(string runId, int customers, int ordersEach, int surveysEach, int seed)
    {
        var random = new Random(seed);
        var now = DateTimeOffset.UtcNow;
        var events = new List<TestEvent>(customers * (ordersEach + surveysEach));
        for (var c = 0; c < customers; c++)
        {
            var customer = $"{runId}-customer-{c.ToString("D4", CultureInfo.InvariantCulture)}";
            for (var o = 0; o < ordersEach; o++)
            {
                // Cents, so sums are exact; within the last 60 days, so every order is inside the RFM window.
                var revenue = random.Next(100, 50_000) / 100m;
                events.Add(TestEvent.Order(customer, $"{customer}-m{o}", Past(random, now), $"{customer}-order-{o}", revenue));
            }

            for (var s = 0; s < surveysEach; s++)
            {
                events.Add(TestEvent.Survey(customer, $"{customer}-s{s}", Past(random, now), random.Next(1, 6)));
            }
        }

        var shuffled = events.ToArray();
        random.Shuffle(shuffled);
        return shuffled;
    }

    private static DateTimeOffset Past(Random random, DateTimeOffset now) => now.AddMinutes(-random.Next(1, 60 * 24 * 60));
}
