using System.Net;
using Azure.Data.Tables;
using Profiles.Host.Tests.Infrastructure;
using Profiles.Testing.Azurite;

namespace Profiles.Host.Tests.Privacy;

/// <summary>On Azure Table storage an erasure deletes the rows; it does not leave them behind empty.</summary>
public sealed class ErasureOnAzureTableTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>The official providers' table of grain state.</summary>
    private const string GrainStateTable = "OrleansGrainState";

    [Fact]
    public async Task ErasingDeletesTheRowsOfTheProfileItsIdentitiesTheirProfilesAndTheEmailEntry()
    {
        var serviceId = $"erasure-{Guid.NewGuid():N}";
        await using var app = new ProfilesApp(settings: new Dictionary<string, string?>
        {
            ["Profiles:Storage:Provider"] = "AzureTable",
            ["Profiles:Storage:ConnectionString"] = azurite.ConnectionString,
            ["Profiles:Clustering:ServiceId"] = serviceId,
        });
        var linked = await LinkedCustomer.CreateAsync(app.WriteClient());
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(GrainStateTable);
        var email = linked.Email.ToLowerInvariant();

        // Before: one row per grain state — the customer's profile, the two merged profiles, two identity records, the address.
        var before = await RowsAsync(table, serviceId);
        Assert.Single(before, r => r.PartitionKey.EndsWith($"_{linked.Customer}", StringComparison.Ordinal) && r.RowKey == "profile");
        Assert.Single(before, r => r.PartitionKey.EndsWith($"_{linked.Anonymous}", StringComparison.Ordinal) && r.RowKey == "profile");
        Assert.Single(before, r => r.PartitionKey.EndsWith($"_{linked.Anonymous}", StringComparison.Ordinal) && r.RowKey == "identity");
        Assert.Single(before, r => r.PartitionKey.EndsWith($"_{linked.Alias}", StringComparison.Ordinal) && r.RowKey == "profile");
        Assert.Single(before, r => r.PartitionKey.EndsWith($"_{linked.Alias}", StringComparison.Ordinal) && r.RowKey == "identity");
        Assert.Single(before, r => r.PartitionKey.EndsWith($"_{email}", StringComparison.Ordinal) && r.RowKey == "email");

        // The customer's id is also inside other rows' data: its time bucket holds it until its next check.
        Assert.Contains(await RowsAsync(table, serviceId, withData: true), r => Mentions(r, linked.Customer));

        var erased = await app.ApiClient(TestKeys.Admin).DeleteAsync($"/api/customers/{linked.Customer}");
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);

        // Durable before the answer: read straight from the table, nothing keyed by any of its ids is left.
        var after = await RowsAsync(table, serviceId);
        var ids = new[] { linked.Customer, linked.Anonymous, linked.Alias, email };
        Assert.DoesNotContain(after, r => ids.Any(id => r.PartitionKey.EndsWith($"_{id}", StringComparison.Ordinal)));
        // Other state of the service (statistics, time buckets) is still there: the query itself reads rows.
        Assert.NotEmpty(after);
        // And no row's stored data mentions any of its ids any more (the time bucket let go of it too).
        var mentioning = (await RowsAsync(table, serviceId, withData: true)).Where(r => ids.Any(id => Mentions(r, id))).ToList();
        Assert.True(mentioning.Count == 0, $"still mentioned in: {string.Join(", ", mentioning.Select(r => $"{r.PartitionKey}/{r.RowKey} ({string.Join(' ', ids.Where(id => Mentions(r, id)))})"))}");
    }

    /// <summary>Whether a row's binary data columns hold the id as the Orleans serializer writes strings (UTF-8).</summary>
    private static bool Mentions(TableEntity row, string id)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(id);
        var values = row.Select(p => p.Value).ToList();
        return values.OfType<byte[]>().Any(data => data.AsSpan().IndexOf(needle) >= 0) ||
               values.OfType<BinaryData>().Any(data => data.ToMemory().Span.IndexOf(needle) >= 0);
    }

    private static async Task<List<TableEntity>> RowsAsync(TableClient table, string serviceId, bool withData = false)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(select: withData ? null : ["PartitionKey", "RowKey"]))
        {
            if (row.PartitionKey.StartsWith($"{serviceId}_", StringComparison.Ordinal)) rows.Add(row);
        }
        return rows;
    }
}
