using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Profiles.Browser.Tests.Infrastructure;

/// <summary>
/// A host that refits the population models every second, fed once with three kinds of buyers (recent regulars, one-off
/// buyers of long ago, lapsed regulars), so that pages see a fitted model with clusters.
/// </summary>
public sealed class ModelsFixture : PagesFixture
{
    /// <summary>Customers the population holds: 20 of each kind, named <c>regular-0</c>, <c>once-1</c>, <c>lapsed-2</c>, …</summary>
    public const int Customers = 60;

    private readonly Lazy<Task<JsonObject>> _fitted;

    public ModelsFixture()
        : base(new Dictionary<string, string?>
        {
            ["Profiles:Predictions:RefitInterval"] = "00:00:01",
            ["Profiles:Statistics:FlushInterval"] = "00:00:00.200",
            ["Profiles:Statistics:BreakpointsRefreshInterval"] = "00:00:00.200",
        }) => _fitted = new Lazy<Task<JsonObject>>(SeedAsync);

    /// <summary>Sends the population (once) and answers <c>/api/stats/models</c> once its refit holds every customer and clusters.</summary>
    public Task<JsonObject> FittedAsync() => _fitted.Value;

    /// <summary>Reads <c>/api/stats/models</c> until <paramref name="done"/> holds (within a minute).</summary>
    public async Task<JsonObject> WaitForModelsAsync(Func<JsonObject, bool> done)
    {
        using var client = new HttpClient { BaseAddress = App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.Ops);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var models = JsonNode.Parse(await client.GetStringAsync(new Uri("/api/stats/models", UriKind.Relative), cancel.Token))!.AsObject();
            if (done(models)) return models;
            await Task.Delay(200, cancel.Token);
        }
    }

    private async Task<JsonObject> SeedAsync()
    {
        var random = new Random(5);
        var calls = new List<object>();
        for (var i = 0; i < Customers; i++)
        {
            var (kind, orders, lastDaysAgo, spacing, value) = (i % 3) switch
            {
                0 => ("regular", 8 + random.Next(6), random.Next(1, 10), 14, 80 + random.Next(60)),
                1 => ("once", 1, 300 + random.Next(200), 0, 15 + random.Next(20)),
                _ => ("lapsed", 4 + random.Next(4), 200 + random.Next(100), 20, 40 + random.Next(30)),
            };
            var customer = $"{kind}-{i}";
            for (var o = 0; o < orders; o++) calls.Add(Events.Order(customer, $"o-{o}", value, lastDaysAgo + o * spacing));
        }
        await App.PostBatchAsync(Events.Batch([.. calls]));
        return await WaitForModelsAsync(m => m["customers"]!.GetValue<long>() == Customers && m["clusters"] is JsonObject);
    }
}
