using System.Text.Json.Nodes;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Predictions;

/// <summary>
/// One host fed a simulated population over HTTP, refitting every second, with custom segments that read the predictions;
/// ready once <c>/api/stats/models</c> answers converged fits of every customer.
/// </summary>
public sealed class PopulationModelsFixture : IAsyncLifetime
{
    public const int Simulated = 4_000;

    public PopulationModelsFixture()
    {
        Start = DateTimeOffset.UtcNow;
        Population = SimulatedPopulation.Draw("sim-", Simulated, seed: 2026, Start);
        // Six weekly purchases more than a year ago, then nothing: the model says this customer has most likely left.
        Population.Add("lapsed", Start, 60m, 420, 413, 406, 399, 392, 385);
        // Twelve weekly purchases up to two days ago: as alive as customers get.
        Population.Add("regular", Start, 45m, 79, 72, 65, 58, 51, 44, 37, 30, 23, 16, 9, 2);
        App = new ProfilesApp(settings: new Dictionary<string, string?>
        {
            ["Profiles:Predictions:RefitInterval"] = "00:00:01",
            ["Profiles:Statistics:FlushInterval"] = "00:00:00.200",
            ["Profiles:Statistics:BreakpointsRefreshInterval"] = "00:00:00.200",
            ["Profiles:Segments:Custom:0:Name"] = "slipping",
            ["Profiles:Segments:Custom:0:Condition"] = "pAlive < 0.3",
            ["Profiles:Segments:Custom:1:Name"] = "growing",
            ["Profiles:Segments:Custom:1:Condition"] = "expectedPurchases90 >= 1 and clv > 100",
        });
    }

    public DateTimeOffset Start { get; }

    public SimulatedPopulation Population { get; }

    public ProfilesApp App { get; }

    /// <summary>The models answer once every customer is in a converged fit.</summary>
    public JsonObject Models { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Population.SendAsync(App.WriteClient());
        Models = await ModelsApi.WaitForAsync(App.ApiClient(TestKeys.Ops), m =>
            m["customers"]!.GetValue<long>() == Population.Customers.Count &&
            m["purchases"]!["converged"]!.GetValue<bool>() && m["spend"]!["converged"]!.GetValue<bool>());
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
