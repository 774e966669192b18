using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Profiles.Grains.Playbooks;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Playbooks;

/// <summary>The playbook file is read again when it changes, while the host runs.</summary>
public sealed class PlaybookReloadTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("profiles-playbook-").FullName;
    private ProfilesApp _app = null!;

    private string PlaybookPath => Path.Combine(_directory, "playbook.json");

    private static string PlaybookFor(string prospectAction, int priority = 50) => $$"""
        { "recommendations": [
            { "dimension": "lifecycle", "class": "prospect", "action": "{{prospectAction}}", "channel": "email", "priority": {{priority}} },
            { "dimension": "geography", "class": "DE", "action": "German newsletter", "channel": "email", "priority": 10 }
        ] }
        """;

    public Task InitializeAsync()
    {
        File.WriteAllText(PlaybookPath, PlaybookFor("Welcome tour"));
        _app = new ProfilesApp(settings: new Dictionary<string, string?>
        {
            ["Profiles:Playbook:Path"] = PlaybookPath,
            ["Profiles:Segments:Custom:0:Name"] = "germans",
            ["Profiles:Segments:Custom:0:Condition"] = "geography = 'DE'",
        });
        _ = _app.BaseAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<JsonArray> RecommendationsAsync(string customer)
    {
        var profile = await _app.ApiClient(TestKeys.Agent).GetFromJsonAsync<JsonObject>($"/api/customers/{customer}");
        return profile!["recommendations"]!.AsArray();
    }

    private async Task<JsonArray> EventuallyAsync(string customer, Func<JsonArray, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var recommendations = await RecommendationsAsync(customer);
            if (condition(recommendations) || DateTime.UtcNow > deadline) return recommendations;
            await Task.Delay(100);
        }
    }

    private static IEnumerable<string> Actions(JsonArray recommendations) => recommendations.Select(r => (string)r!["action"]!);

    [Fact]
    public async Task AnEditedPlaybookFileChangesTheRecommendationsWithoutARestart()
    {
        var customer = $"customer-{Guid.NewGuid():N}";
        var sent = await _app.WriteClient().PostBatchAsync(Segment.Identify(customer, new JsonObject { ["address"] = new JsonObject { ["country"] = "Germany" } }));
        sent.EnsureSuccessStatusCode();

        var before = await RecommendationsAsync(customer);
        Assert.Equal(["Welcome tour", "German newsletter"], Actions(before));
        var first = before[0]!;
        Assert.Equal(("lifecycle", "prospect", "email", 50), ((string)first["dimension"]!, (string)first["class"]!, (string)first["channel"]!, (int)first["priority"]!));
        Assert.StartsWith("lifecycle is prospect: ", (string)first["reason"]!, StringComparison.Ordinal);

        // Edit the file in place: a new action, now below the other one; and a rule for the custom segment.
        await File.WriteAllTextAsync(PlaybookPath, """
            { "recommendations": [
                { "dimension": "lifecycle", "class": "prospect", "action": "Personal call", "channel": "phone", "priority": 5 },
                { "dimension": "segment:germans", "class": "member", "action": "Berlin event invitation", "channel": "email", "priority": 20 },
                { "dimension": "geography", "class": "DE", "action": "German newsletter", "channel": "email", "priority": 10 }
            ] }
            """);
        var after = await EventuallyAsync(customer, r => Actions(r).Contains("Personal call"));
        Assert.Equal(["Berlin event invitation", "German newsletter", "Personal call"], Actions(after));

        // A broken file is refused: the last good playbook stays.
        var provider = _app.Services.GetRequiredService<PlaybookProvider>();
        var version = provider.Version;
        var rejections = provider.Rejections;
        await File.WriteAllTextAsync(PlaybookPath, """{ "recommendations": [ { "dimension": "lifecycle", "class": "prospect" """);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            while (provider.Rejections == rejections) await Task.Delay(50, timeout.Token);
        }
        Assert.Equal(version, provider.Version);
        Assert.Equal(["Berlin event invitation", "German newsletter", "Personal call"], Actions(await RecommendationsAsync(customer)));

        // Fixed again, it is taken.
        await File.WriteAllTextAsync(PlaybookPath, PlaybookFor("Fixed action"));
        var fixedAgain = await EventuallyAsync(customer, r => Actions(r).Contains("Fixed action"));
        Assert.Equal(["Fixed action", "German newsletter"], Actions(fixedAgain));
    }
}
