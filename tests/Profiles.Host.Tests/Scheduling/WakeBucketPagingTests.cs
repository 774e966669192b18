using System.Collections.Immutable;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Profiles.Abstractions.Grains;
using Profiles.Grains.Scheduling;
using Profiles.Host.Tests.Infrastructure;
using Profiles.Testing.Azurite;

namespace Profiles.Host.Tests.Scheduling;

/// <summary>
/// A time-bucket shard that most of a day's customers fall into (everyone due at the next midnight) spills into further
/// rows instead of outgrowing one: on Azure Table storage (Azurite), where a row holds at most ~1 MB.
/// </summary>
public sealed class WakeBucketPagingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AShardOfMoreCustomersThanOneRowHoldsKeepsEveryOneAcrossARestartAndWakesThemAll()
    {
        var serviceId = $"paging-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string?>
        {
            ["Profiles:Storage:Provider"] = "AzureTable",
            ["Profiles:Storage:ConnectionString"] = azurite.ConnectionString,
            ["Profiles:Clustering:ServiceId"] = serviceId,
        };
        // A bucket a year ahead, so the ticker leaves it alone; one shard of it, given the longest ids of two-byte characters.
        var bucket = WakeSchedule.BucketOf(DateTimeOffset.UtcNow.AddDays(365));
        var key = WakeSchedule.Key(bucket, 7);
        var customers = Enumerable.Range(0, 2500).Select(i => $"{i:D4}-" + new string('é', 250)).ToList();
        var gone = customers[1500];

        await using (var app = new ProfilesApp(settings: settings))
        {
            _ = app.BaseAddress;
            var shard = app.Services.GetRequiredService<IGrainFactory>().GetGrain<IWakeBucketGrain>(key);
            foreach (var chunk in customers.Chunk(500)) await shard.ChangeAsync([.. chunk], []);
            // One removal, of a customer on a later page.
            await shard.ChangeAsync([], [gone]);
        }

        // Stored as several rows, each well within Azure's limit.
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient("OrleansGrainState");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            if (row.PartitionKey.StartsWith($"{serviceId}_", StringComparison.Ordinal) && row.RowKey.StartsWith("bucket", StringComparison.Ordinal)) rows.Add(row);
        }
        Assert.True(rows.Count >= 2, $"{rows.Count} rows: {string.Join(", ", rows.Select(r => r.PartitionKey + "/" + r.RowKey))}");
        Assert.All(rows.Select(r => r.RowKey), k => Assert.Matches("^bucket(\\.[0-9]+)?$", k));

        // A new host reads every page back: firing wakes each customer once (none of them exists, which is no error).
        await using (var app = new ProfilesApp(settings: settings))
        {
            _ = app.BaseAddress;
            var shard = app.Services.GetRequiredService<IGrainFactory>().GetGrain<IWakeBucketGrain>(key);
            Assert.Equal(customers.Count - 1, await shard.FireAsync());
            Assert.Equal(0, await shard.FireAsync());
        }
    }
}
