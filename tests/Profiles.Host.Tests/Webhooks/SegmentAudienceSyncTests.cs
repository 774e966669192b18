using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Profiles.Host.Tests.Audiences;
using Profiles.Host.Tests.Infrastructure;
using Profiles.Testing.Azurite;
using Profiles.Testing.Webhooks;

namespace Profiles.Host.Tests.Webhooks;

/// <summary>
/// A webhook endpoint in the Segment format follows audience membership as any Segment receiver would: its first sync
/// sends every current member as <c>Audience Entered</c>, then each change as <c>Audience Exited</c> / <c>Audience Entered</c>,
/// and a receiver that applies them holds exactly the members the service lists.
/// </summary>
public sealed class SegmentAudienceSyncTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string WriteKey = "engage-write-key";

    /// <summary>What a receiver knows from the calls, in order: audience key → its members.</summary>
    private static Dictionary<string, HashSet<string>> Follow(IEnumerable<JsonElement> calls)
    {
        var audiences = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var call in calls)
        {
            var properties = call.GetProperty("properties");
            var key = properties.GetProperty("audience_key").GetString()!;
            var members = audiences.TryGetValue(key, out var set) ? set : audiences[key] = new HashSet<string>(StringComparer.Ordinal);
            var user = call.GetProperty("userId").GetString()!;
            if (properties.GetProperty(key).GetBoolean()) members.Add(user);
            else members.Remove(user);
        }
        return audiences;
    }

    private static bool Same(Dictionary<string, HashSet<string>> followed, Dictionary<string, HashSet<string>> listed) =>
        listed.All(l => (followed.TryGetValue(l.Key, out var f) ? f : []).SetEquals(l.Value)) &&
        followed.All(f => f.Value.Count == 0 || listed.ContainsKey(f.Key));

    private static async Task<Dictionary<string, HashSet<string>>> ListedAsync(HttpClient ops) => new(StringComparer.Ordinal)
    {
        ["nps_detractor"] = [.. (await ops.AllPagesAsync("nps", "detractor", 100)).Ids],
        ["nps_promoter"] = [.. (await ops.AllPagesAsync("nps", "promoter", 100)).Ids],
        ["vip"] = [.. (await ops.AllPagesAsync("segment:vip", "member", 100)).Ids],
    };

    [Fact]
    public async Task ANewSegmentFormatEndpointGetsEveryCurrentMemberFirstThenOnlyChangesAndItsReceiverFollowsMembershipExactly()
    {
        var serviceId = $"engage-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string?>
        {
            ["Profiles:Storage:Provider"] = "AzureTable",
            ["Profiles:Storage:ConnectionString"] = azurite.ConnectionString,
            ["Profiles:Clustering:ServiceId"] = serviceId,
            ["Profiles:Segments:Custom:0:Name"] = "vip",
            ["Profiles:Segments:Custom:0:Condition"] = "valueTier = 'A'",
        };
        var detractors = Enumerable.Range(0, 12).Select(i => $"detractor-{i:D2}").ToList();
        var promoters = Enumerable.Range(0, 8).Select(i => $"promoter-{i:D2}").ToList();
        Dictionary<string, HashSet<string>> before;

        // Customers exist before the endpoint does.
        await using (var app = new ProfilesApp(settings: settings))
        {
            var calls = detractors.Select((c, i) => Segment.Survey(c, nps: 2))
                .Concat(promoters.Select(c => Segment.Survey(c, nps: 10)))
                .Concat(detractors.Take(3).Concat(promoters.Take(2)).Select(c => Segment.Order(c, "o-1", 2000m)))
                .ToArray();
            (await app.WriteClient().PostBatchAsync(calls)).EnsureSuccessStatusCode();
            var ops = app.ApiClient(TestKeys.Ops);
            await AudienceCalls.EventuallyAsync(async () => (await ListedAsync(ops)).Sum(a => a.Value.Count) == 25, "every membership listed");
            before = await ListedAsync(ops);
        }

        await using var receiver = await WebhookReceiver.StartAsync();
        settings["Profiles:Webhooks:Endpoints:0:Name"] = "engage";
        settings["Profiles:Webhooks:Endpoints:0:Url"] = receiver.Url.ToString();
        settings["Profiles:Webhooks:Endpoints:0:Format"] = "Segment";
        settings["Profiles:Webhooks:Endpoints:0:WriteKey"] = WriteKey;
        settings["Profiles:Webhooks:Endpoints:0:Dimensions:0"] = "nps";
        settings["Profiles:Webhooks:Endpoints:0:Dimensions:1"] = "segment:vip";
        settings["Profiles:Webhooks:Endpoints:0:Classes:0"] = "detractor";
        settings["Profiles:Webhooks:Endpoints:0:Classes:1"] = "promoter";
        settings["Profiles:Webhooks:Endpoints:0:Classes:2"] = "member";
        settings["Profiles:Webhooks:InitialRetryDelay"] = "00:00:00.050";
        settings["Profiles:Webhooks:MaxRetryDelay"] = "00:00:00.500";
        await using var second = new ProfilesApp(settings: settings);
        _ = second.BaseAddress;

        // The first sync: every current member, as Audience Entered, and nothing else.
        var received = new List<JsonElement>();
        await receiver.ReadSegmentCallsAsync(received, calls => Same(Follow(calls), before));
        Assert.Equal(25, received.Count);
        Assert.All(received, call =>
        {
            Assert.Equal("track", call.GetProperty("type").GetString());
            Assert.Equal("Audience Entered", call.GetProperty("event").GetString());
            var key = call.GetProperty("properties").GetProperty("audience_key").GetString()!;
            Assert.True(call.GetProperty("properties").GetProperty(key).GetBoolean());
            Assert.Equal(key, call.GetProperty("context").GetProperty("personas").GetProperty("computation_key").GetString());
            Assert.StartsWith("aud_", call.GetProperty("messageId").GetString(), StringComparison.Ordinal);
        });
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(WriteKey + ":")), receiver.LastAuthorization);

        // Then changes only: a detractor turns promoter, a newcomer enters two audiences at once.
        (await second.WriteClient().PostBatchAsync(
            Segment.Survey(detractors[5], nps: 9),
            Segment.Survey("newcomer", nps: 0), Segment.Order("newcomer", "o-1", 3000m))).EnsureSuccessStatusCode();
        var ops2 = second.ApiClient(TestKeys.Ops);
        Dictionary<string, HashSet<string>> after = null!;
        await AudienceCalls.EventuallyAsync(async () =>
        {
            after = await ListedAsync(ops2);
            return after["nps_promoter"].Contains(detractors[5]) && after["vip"].Contains("newcomer");
        }, "the changes listed");
        var synced = received.Count;
        await receiver.ReadSegmentCallsAsync(received, calls => Same(Follow(calls), after));

        var changes = received.Skip(synced).Select(c => $"{c.GetProperty("event").GetString()} {c.GetProperty("properties").GetProperty("audience_key").GetString()} {c.GetProperty("userId").GetString()}").ToList();
        Assert.Equal(
            new[] { $"Audience Exited nps_detractor {detractors[5]}", $"Audience Entered nps_promoter {detractors[5]}", "Audience Entered nps_detractor newcomer", "Audience Entered vip newcomer" }.Order(),
            changes.Order());
        var exited = received.Skip(synced).Single(c => c.GetProperty("event").GetString() == "Audience Exited");
        Assert.False(exited.GetProperty("properties").GetProperty("nps_detractor").GetBoolean());
    }
}
