using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Orleans.Configuration;
using Profiles.Host.Tests.Infrastructure;
using Profiles.Testing.Azurite;

namespace Profiles.Host.Tests.Compatibility;

/// <summary>
/// Profiles stored by the release before the switch to the official Azure Table providers load, unchanged, through them:
/// the rows that release wrote (Compatibility/StoredByRelease) go into a fresh Azurite and today's host reads them.
/// </summary>
public sealed class StoredProfilesTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Compatibility", "StoredByRelease");

    [Fact]
    public async Task EveryCustomerStoredByTheEarlierReleaseReadsBackAsThatReleaseAnsweredAndTakesNewEvents()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        await RestoreRowsAsync(azurite.ConnectionString);
        await using var app = new ProfilesApp(settings: new Dictionary<string, string?>
        {
            ["Profiles:Storage:Provider"] = "AzureTable",
            ["Profiles:Storage:ConnectionString"] = azurite.ConnectionString,
            // The service id of the release's rows (its default); the partition keys begin with it.
            ["Profiles:Clustering:ServiceId"] = "profiles",
        });
        using var reader = app.ApiClient(TestKeys.Admin);
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Fixtures, "expected.json")))!.AsObject();

        foreach (var (id, want) in expected)
        {
            var profile = await ReadAsync(reader, id);
            Assert.True(profile is not null, $"no profile for {Describe(id)}");
            var got = new JsonObject
            {
                ["customerId"] = profile["customerId"]!.DeepClone(),
                ["eventsApplied"] = profile["eventsApplied"]!.DeepClone(),
                ["orders"] = Pick(profile["orders"]!, "lifetime", "lifetimeRevenue", "firstOrderAt", "lastOrderAt"),
                ["traits"] = profile["traits"]!.DeepClone(),
                ["identities"] = profile["identities"]!.DeepClone(),
                ["engagement"] = Pick(profile["engagement"]!, "pageViews", "trackedEvents", "sessions", "shares"),
                ["latestCsat"] = profile["feedback"]!["latestCsat"]?.DeepClone(),
            };
            Assert.True(JsonNode.DeepEquals(want, got), $"{Describe(id)}: expected {want!.ToJsonString()}, got {got.ToJsonString()}");
        }

        // The stored ETags are the official provider's to update: new events for an old customer are stored over its row.
        using var writer = app.WriteClient();
        using (var response = await writer.PostBatchAsync(Segment.Order("big", "o-after-switch", 10m, "after-switch", DateTimeOffset.Parse("2026-11-30T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture))))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var big = await ReadAsync(reader, "big");
        Assert.Equal(901, big!["orders"]!["lifetime"]!.GetValue<int>());
    }

    private static async Task RestoreRowsAsync(string connectionString)
    {
        var table = new TableClient(connectionString, AzureTableStorageOptions.DEFAULT_TABLE_NAME);
        await table.CreateIfNotExistsAsync();
        using var rows = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Fixtures, "rows.json")));
        foreach (var row in rows.RootElement.EnumerateArray())
        {
            var entity = new TableEntity(row.GetProperty("PartitionKey").GetString(), row.GetProperty("RowKey").GetString());
            foreach (var property in row.GetProperty("Properties").EnumerateObject())
            {
                entity[property.Name] = property.Value.TryGetProperty("binary", out var binary)
                    ? Convert.FromBase64String(binary.GetString()!)
                    : property.Value.GetProperty("string").GetString();
            }

            await table.AddEntityAsync(entity);
        }
    }

    private static async Task<JsonNode?> ReadAsync(HttpClient reader, string id)
    {
        using var response = await reader.GetAsync(new Uri($"/api/customers/{Uri.EscapeDataString(id)}", UriKind.Relative));
        return response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) : null;
    }

    private static JsonObject Pick(JsonNode node, params string[] names) =>
        new(names.Select(n => KeyValuePair.Create(n, node[n]?.DeepClone())));

    private static string Describe(string id) => id.Length > 24 ? $"'{id[..12]}…' ({id.Length} characters)" : $"'{id}'";
}
