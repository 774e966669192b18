using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Profiles.Domain.Predictions;
using Profiles.Domain.Statistics;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Predictions;

/// <summary>
/// Customers drawn from the CDNOW BG/NBD and Gamma-Gamma parameters (acquired over two years, observed for a third, up to
/// today), sent as Segment <c>Order Completed</c> calls at noon of each purchase day, and the purchase history each must
/// have in the service.
/// </summary>
public sealed class SimulatedPopulation
{
    private const int AcquisitionDays = 730;
    private const int ObservedDays = 365;

    private SimulatedPopulation(Dictionary<string, IReadOnlyList<(int Day, decimal NetValue)>> customers) => Customers = customers;

    /// <summary>Customer id → its purchases as (UTC day number, value), the first one first.</summary>
    public Dictionary<string, IReadOnlyList<(int Day, decimal NetValue)>> Customers { get; }

    /// <summary><paramref name="count"/> customers named <c>{prefix}{n}</c>, drawn with <paramref name="seed"/>, observed up to the day of <paramref name="now"/>.</summary>
    public static SimulatedPopulation Draw(string prefix, int count, ulong seed, DateTimeOffset now)
    {
        var nowDay = PopulationContribution.DayOf(now);
        var customers = new Dictionary<string, IReadOnlyList<(int Day, decimal NetValue)>>(StringComparer.Ordinal);
        var n = 0;
        foreach (var purchases in PopulationSimulator.Simulate(RefitWorkload.Purchases, RefitWorkload.Spend, count, nowDay - AcquisitionDays - ObservedDays,
                     AcquisitionDays, nowDay, 7, seed))
            customers[$"{prefix}{n++}"] = purchases;
        return new SimulatedPopulation(customers);
    }

    /// <summary>Adds a customer of the test's own making: purchases on the given days before <paramref name="now"/>, each worth <paramref name="value"/>.</summary>
    public void Add(string customerId, DateTimeOffset now, decimal value, params int[] daysAgo) =>
        Customers[customerId] = [.. daysAgo.OrderDescending().Select(d => (PopulationContribution.DayOf(now) - d, value))];

    /// <summary>The purchase history the service must derive for <paramref name="customerId"/>.</summary>
    public PurchaseHistory HistoryOf(string customerId) => PurchaseHistory.OfDays(Customers[customerId])!;

    /// <summary>The population's purchase cells, as the service's statistics must hold them.</summary>
    public BtydPopulation Cells()
    {
        var population = new BtydPopulation();
        foreach (var id in Customers.Keys) population.Add(HistoryOf(id));
        return population;
    }

    /// <summary>Sends every purchase through <c>POST /v1/batch</c>, a thousand calls a request, and fails unless each is accepted.</summary>
    public async Task SendAsync(HttpClient writer)
    {
        var calls = Customers.SelectMany(c => c.Value.Select((p, i) => Segment.Order(
            c.Key, $"{c.Key}-o{i}", p.NetValue, $"{c.Key}-m{i}", new DateTimeOffset(p.Day * TimeSpan.TicksPerDay, TimeSpan.Zero).AddHours(12))));
        foreach (var chunk in calls.Chunk(1000))
        {
            using var response = await writer.PostBatchAsync(chunk);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var answer = await response.Content.ReadFromJsonAsync<JsonObject>();
            Assert.Equal(chunk.Length, answer!["accepted"]!.GetValue<int>());
        }
    }
}
