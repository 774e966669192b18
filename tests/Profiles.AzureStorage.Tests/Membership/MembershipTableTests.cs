using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Profiles.AzureStorage.Membership;
using Profiles.AzureStorage.Providers;
using Profiles.Testing.Azurite;

namespace Profiles.AzureStorage.Tests.Membership;

/// <summary>The checks of Orleans' membership table test base, against a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MembershipTableTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static int s_generation = 1_000;

    private readonly string _tableName = TestNames.Table("Silos");
    private readonly string _clusterId = TestNames.Id("cluster");
    private AzureTableMembershipTable _table = null!;

    public async Task InitializeAsync()
    {
        _table = CreateTable(_clusterId);
        await _table.InitializeMembershipTable(tryInitTableVersion: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task GetGatewaysReturnsOnlyActiveSilosWithAProxyPort()
    {
        var active = NewEntry(SiloStatus.Active, proxyPort: 30_001);
        var activeWithoutGateway = NewEntry(SiloStatus.Active, proxyPort: 0);
        var joining = NewEntry(SiloStatus.Joining, proxyPort: 30_003);
        var dead = NewEntry(SiloStatus.Dead, proxyPort: 30_004);
        foreach (var entry in new[] { active, activeWithoutGateway, joining, dead })
        {
            Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        }

        var provider = new AzureTableGatewayListProvider(Options.Create(ClusteringOptions()), Options.Create(ClusterOptions(_clusterId)), Options.Create(new GatewayOptions()));
        await provider.InitializeGatewayListProvider();
        var gateways = await provider.GetGateways();

        var expected = SiloAddress.New(new IPEndPoint(active.SiloAddress.Endpoint.Address, 30_001), active.SiloAddress.Generation).ToGatewayUri();
        Assert.Equal([expected], gateways);
        Assert.True(provider.IsUpdatable);
    }

    [Fact]
    public async Task ReadAllOfAnEmptyClusterHasOnlyTheVersionRow()
    {
        var data = await _table.ReadAll();

        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.False(string.IsNullOrEmpty(data.Version.VersionEtag));
    }

    [Fact]
    public async Task InitializingTwiceKeepsTheVersion()
    {
        Assert.True(await _table.InsertRow(NewEntry(SiloStatus.Active), (await _table.ReadAll()).Version.Next()));

        await CreateTable(_clusterId).InitializeMembershipTable(tryInitTableVersion: true);

        Assert.Equal(1, (await _table.ReadAll()).Version.Version);
    }

    [Fact]
    public async Task InsertRowStoresTheEntryAndBumpsTheVersion()
    {
        var entry = NewEntry(SiloStatus.Joining);
        entry.AddSuspector(SiloAddress.New(IPAddress.Loopback, 11_111, 7), DateTime.UtcNow);

        var inserted = await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next());
        var data = await _table.ReadRow(entry.SiloAddress);

        Assert.True(inserted);
        Assert.Equal(1, data.Version.Version);
        var (read, etag) = Assert.Single(data.Members);
        Assert.False(string.IsNullOrEmpty(etag));
        AssertSameEntry(entry, read);
    }

    [Fact]
    public async Task InsertRowFailsForAnExistingSiloOrAStaleVersion()
    {
        var entry = NewEntry(SiloStatus.Joining);
        var version = (await _table.ReadAll()).Version;
        Assert.True(await _table.InsertRow(entry, version.Next()));

        Assert.False(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        Assert.False(await _table.InsertRow(NewEntry(SiloStatus.Joining), version.Next()));
        Assert.Single((await _table.ReadAll()).Members);
    }

    [Fact]
    public async Task ReadAllReturnsEveryInsertedSilo()
    {
        var entries = Enumerable.Range(0, 5).Select(_ => NewEntry(SiloStatus.Active)).ToList();
        foreach (var entry in entries)
        {
            Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        }

        var data = await _table.ReadAll();

        Assert.Equal(5, data.Version.Version);
        Assert.Equal(
            entries.Select(e => e.SiloAddress).OrderBy(a => a.ToString()),
            data.Members.Select(m => m.Item1.SiloAddress).OrderBy(a => a.ToString()));
    }

    [Fact]
    public async Task ReadRowOfAnUnknownSiloReturnsOnlyTheVersion()
    {
        var data = await _table.ReadRow(SiloAddress.New(IPAddress.Loopback, 1, 1));

        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
    }

    [Fact]
    public async Task UpdateRowNeedsTheCurrentRowETagAndVersion()
    {
        var entry = NewEntry(SiloStatus.Joining);
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        var before = await _table.ReadRow(entry.SiloAddress);
        var etag = before.Members[0].Item2;
        entry.Status = SiloStatus.Active;

        Assert.True(await _table.UpdateRow(entry, etag, before.Version.Next()));
        Assert.False(await _table.UpdateRow(entry, etag, (await _table.ReadAll()).Version.Next()), "a stale row ETag must fail");

        var after = await _table.ReadRow(entry.SiloAddress);
        Assert.Equal(SiloStatus.Active, after.Members[0].Item1.Status);
        Assert.Equal(2, after.Version.Version);
        Assert.NotEqual(etag, after.Members[0].Item2);
    }

    [Fact]
    public async Task ParallelUpdatesOfTheSameVersionHaveExactlyOneWinner()
    {
        var entry = NewEntry(SiloStatus.Joining);
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        var data = await _table.ReadRow(entry.SiloAddress);
        var etag = data.Members[0].Item2;
        var next = data.Version.Next();

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
        {
            var copy = NewEntry(SiloStatus.Active, address: entry.SiloAddress);
            copy.SiloName = $"winner-{i}";
            return _table.UpdateRow(copy, etag, next);
        }));

        Assert.Single(results, won => won);
        Assert.Equal(next.Version, (await _table.ReadAll()).Version.Version);
    }

    [Fact]
    public async Task UpdateIAmAliveChangesOnlyTheIAmAliveTime()
    {
        var entry = NewEntry(SiloStatus.Active);
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        var version = (await _table.ReadAll()).Version;
        var alive = TruncateToMilliseconds(DateTime.UtcNow.AddMinutes(5));
        var update = NewEntry(SiloStatus.Dead, address: entry.SiloAddress);
        update.IAmAliveTime = alive;

        await _table.UpdateIAmAlive(update);

        var data = await _table.ReadRow(entry.SiloAddress);
        var read = data.Members[0].Item1;
        Assert.Equal(alive, read.IAmAliveTime);
        Assert.Equal(SiloStatus.Active, read.Status);
        Assert.Equal(entry.SiloName, read.SiloName);
        Assert.Equal(version.Version, data.Version.Version);
    }

    [Fact]
    public async Task CleanupDefunctSiloEntriesRemovesOnlyOldSilosThatAreNotActive()
    {
        var cutoff = DateTimeOffset.UtcNow;
        var oldDead = NewEntry(SiloStatus.Dead, iAmAlive: cutoff.UtcDateTime.AddHours(-1));
        var oldActive = NewEntry(SiloStatus.Active, iAmAlive: cutoff.UtcDateTime.AddHours(-1));
        var recentDead = NewEntry(SiloStatus.Dead, iAmAlive: cutoff.UtcDateTime.AddMinutes(1));
        foreach (var entry in new[] { oldDead, oldActive, recentDead })
        {
            Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        }

        await _table.CleanupDefunctSiloEntries(cutoff);

        var remaining = (await _table.ReadAll()).Members.Select(m => m.Item1.SiloAddress).ToHashSet();
        Assert.Equal(new HashSet<SiloAddress> { oldActive.SiloAddress, recentDead.SiloAddress }, remaining);
    }

    [Fact]
    public async Task DeleteMembershipTableEntriesRemovesOnlyThatCluster()
    {
        var otherClusterId = TestNames.Id("other");
        var other = CreateTable(otherClusterId);
        await other.InitializeMembershipTable(tryInitTableVersion: true);
        Assert.True(await other.InsertRow(NewEntry(SiloStatus.Active), (await other.ReadAll()).Version.Next()));
        Assert.True(await _table.InsertRow(NewEntry(SiloStatus.Active), (await _table.ReadAll()).Version.Next()));

        await _table.DeleteMembershipTableEntries(_clusterId);

        Assert.Empty((await _table.ReadAll()).Members);
        Assert.Single((await other.ReadAll()).Members);
    }

    [Fact]
    public async Task RowsFollowTheOfficialProvidersLayout()
    {
        var entry = NewEntry(SiloStatus.Active, proxyPort: 30_000, iAmAlive: new DateTime(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc));
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));

        var raw = new TableClient(azurite.ConnectionString, _tableName);
        var endpoint = entry.SiloAddress.Endpoint;
        var row = (await raw.GetEntityAsync<TableEntity>(_clusterId, $"{endpoint.Address}-{endpoint.Port}-{entry.SiloAddress.Generation}")).Value;
        var version = (await raw.GetEntityAsync<TableEntity>(_clusterId, "VersionRow")).Value;

        Assert.Equal("2026-01-02 03:04:05.678 GMT", row.GetString("IAmAliveTime"));
        Assert.Equal("Active", row.GetString("Status"));
        Assert.Equal("30000", row.GetString("ProxyPort"));
        Assert.Equal(_clusterId, row.GetString("DeploymentId"));
        Assert.Equal(entry.SiloName, row.GetString("InstanceName"));
        Assert.Equal("1", version.GetString("MembershipVersion"));
    }

    private AzureTableMembershipTable CreateTable(string clusterId) =>
        new(Options.Create(ClusteringOptions()), Options.Create(ClusterOptions(clusterId)), NullLogger<AzureTableMembershipTable>.Instance);

    private AzureTableClusteringOptions ClusteringOptions() =>
        new() { ConnectionString = azurite.ConnectionString, TableName = _tableName };

    private static ClusterOptions ClusterOptions(string clusterId) => new() { ClusterId = clusterId, ServiceId = "profiles" };

    private static MembershipEntry NewEntry(SiloStatus status, int proxyPort = 30_000, SiloAddress? address = null, DateTime? iAmAlive = null)
    {
        var generation = Interlocked.Increment(ref s_generation);
        var now = TruncateToMilliseconds(DateTime.UtcNow);
        return new MembershipEntry
        {
            SiloAddress = address ?? SiloAddress.New(IPAddress.Loopback, 20_000 + (generation % 10_000), generation),
            Status = status,
            ProxyPort = proxyPort,
            HostName = "host",
            SiloName = $"silo-{generation}",
            RoleName = "role",
            UpdateZone = 1,
            FaultZone = 2,
            StartTime = now,
            IAmAliveTime = iAmAlive ?? now,
            SuspectTimes = [],
        };
    }

    private static void AssertSameEntry(MembershipEntry expected, MembershipEntry actual)
    {
        Assert.Equal(expected.SiloAddress, actual.SiloAddress);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.ProxyPort, actual.ProxyPort);
        Assert.Equal(expected.HostName, actual.HostName);
        Assert.Equal(expected.SiloName, actual.SiloName);
        Assert.Equal(expected.RoleName, actual.RoleName);
        Assert.Equal(expected.UpdateZone, actual.UpdateZone);
        Assert.Equal(expected.FaultZone, actual.FaultZone);
        Assert.Equal(expected.StartTime, actual.StartTime);
        Assert.Equal(expected.IAmAliveTime, actual.IAmAliveTime);
        Assert.Equal(expected.SuspectTimes!.Count, actual.SuspectTimes!.Count);
        for (var i = 0; i < expected.SuspectTimes.Count; i++)
        {
            Assert.Equal(expected.SuspectTimes[i].Item1, actual.SuspectTimes[i].Item1);
            Assert.Equal(TruncateToMilliseconds(expected.SuspectTimes[i].Item2), actual.SuspectTimes[i].Item2);
        }
    }

    private static DateTime TruncateToMilliseconds(DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
}
