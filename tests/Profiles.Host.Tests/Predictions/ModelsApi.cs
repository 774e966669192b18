using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Profiles.Domain.Predictions;

namespace Profiles.Host.Tests.Predictions;

/// <summary>Reads <c>GET /api/stats/models</c>, waiting (with a deadline) for a condition, and turns its answer back into the model.</summary>
public static class ModelsApi
{
    public static async Task<JsonObject> WaitForAsync(HttpClient ops, Func<JsonObject, bool> done, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        JsonObject? last = null;
        try
        {
            while (true)
            {
                last = await ops.GetFromJsonAsync<JsonObject>(new Uri("/api/stats/models", UriKind.Relative), cancel.Token);
                if (done(last!)) return last!;
                await Task.Delay(200, cancel.Token);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"/api/stats/models never answered as expected; last: {last?.ToJsonString()}");
        }
    }

    /// <summary>The population model the answer describes (parameters as the service holds them: JSON carries doubles exactly).</summary>
    public static PopulationModel ModelOf(JsonObject models)
    {
        var purchases = models["purchases"]!;
        var spend = models["spend"]!;
        return new PopulationModel(
            models["version"]!.GetValue<long>(),
            models["fittedAt"]!.GetValue<DateTimeOffset>(),
            models["timeUnitDays"]!.GetValue<double>(),
            new BgNbdFit(new BgNbdParameters(D(purchases, "r"), D(purchases, "alpha"), D(purchases, "a"), D(purchases, "b")),
                D(purchases, "logLikelihood"), purchases["customers"]!.GetValue<long>(), FitStatus.Converged, purchases["iterations"]!.GetValue<int>()),
            new GammaGammaFit(new GammaGammaParameters(D(spend, "p"), D(spend, "q"), D(spend, "gamma")),
                D(spend, "logLikelihood"), spend["customers"]!.GetValue<long>(), FitStatus.Converged, spend["iterations"]!.GetValue<int>()));
    }

    private static double D(JsonNode node, string name) => node[name]!.GetValue<double>();
}
