using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Profiles.Domain.Classification;
using Profiles.Domain.Profiles;
using Profiles.Grains.Webhooks;
using Profiles.Host.Tests.Infrastructure;
using Profiles.Testing.Webhooks;

namespace Profiles.Host.Tests.Webhooks;

public sealed class WebhookTests
{
    private const string Secret = "webhook-test-secret";

    private static string NewCustomer() => $"customer-{Guid.NewGuid():N}";

    private static ProfilesApp App(WebhookReceiver receiver, string[] dimensions, string[] classes, Uri? url = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Profiles:Webhooks:Endpoints:0:Url"] = (url ?? receiver.Url).ToString(),
            ["Profiles:Webhooks:Endpoints:0:Secret"] = Secret,
            ["Profiles:Webhooks:InitialRetryDelay"] = "00:00:00.020",
            ["Profiles:Webhooks:MaxRetryDelay"] = "00:00:00.200",
        };
        for (var i = 0; i < dimensions.Length; i++) settings[$"Profiles:Webhooks:Endpoints:0:Dimensions:{i}"] = dimensions[i];
        for (var i = 0; i < classes.Length; i++) settings[$"Profiles:Webhooks:Endpoints:0:Classes:{i}"] = classes[i];
        return new ProfilesApp(settings: settings);
    }

    /// <summary>What a receiver does: recompute the HMAC of "t.body" and compare in constant time.</summary>
    private static bool Verify(string header, byte[] body, string secret)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var t = long.Parse(parts["t"], CultureInfo.InvariantCulture);
        if (Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - t) > 300) return false;
        var signed = Encoding.UTF8.GetBytes(parts["t"] + ".").Concat(body).ToArray();
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(parts["v1"]));
    }

    [Fact]
    public async Task AnEndpointReceivesOnlyChangesOfItsDimensionAndClassSigned()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = App(receiver, [Dimensions.Nps], ["detractor"]);
        var client = app.WriteClient();
        var buyer = NewCustomer();
        var promoter = NewCustomer();
        var detractor = NewCustomer();

        Assert.Equal(HttpStatusCode.OK, (await client.PostBatchAsync(Segment.Order(buyer, "o-1", 900m))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostBatchAsync(Segment.Survey(promoter, nps: 10))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostBatchAsync(Segment.Survey(detractor, nps: 1, messageId: "unhappy"))).StatusCode);

        var seen = await receiver.WaitForAsync(c => c.GetProperty("customerId").GetString() == detractor);

        Assert.All(seen, s =>
        {
            Assert.Equal(Dimensions.Nps, s.Change.GetProperty("dimension").GetString());
            Assert.True(Verify(s.Signature, s.Body, Secret), $"signature {s.Signature} does not verify");
            Assert.False(Verify(s.Signature, s.Body, "another-secret"));
        });
        Assert.DoesNotContain(seen, s => s.Change.GetProperty("customerId").GetString() is var c && (c == buyer || c == promoter));
        var change = seen.Single(s => s.Change.GetProperty("customerId").GetString() == detractor).Change;
        Assert.Equal("detractor", change.GetProperty("newClass").GetString());
        Assert.Equal(JsonValueKind.Null, change.GetProperty("oldClass").ValueKind);
        Assert.Equal("unhappy", change.GetProperty("messageId").GetString());
        Assert.StartsWith("chg_", change.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.True(change.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task AReceiverThatFailsBeforeItSucceedsStillReceivesEveryChange()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 3);
        await using var app = App(receiver, [Dimensions.Nps], []);
        var client = app.WriteClient();
        var customers = Enumerable.Range(0, 5).Select(_ => NewCustomer()).ToList();
        foreach (var customer in customers)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostBatchAsync(Segment.Survey(customer, nps: 2))).StatusCode);
        }

        var seen = new List<(JsonElement Change, byte[] Body, string Signature)>();
        foreach (var customer in customers)
        {
            if (seen.Any(s => s.Change.GetProperty("customerId").GetString() == customer)) continue;
            await receiver.WaitForAsync(c => c.GetProperty("customerId").GetString() == customer, seen);
        }

        Assert.Equal(3, receiver.Failures);
        Assert.All(customers, c => Assert.Contains(seen, s => s.Change.GetProperty("customerId").GetString() == c));
    }

    [Fact]
    public async Task ARedirectIsNeverFollowedItIsAFailedDeliveryThatIsRetried()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = App(receiver, [Dimensions.Nps], [], url: receiver.RedirectUrl);
        var client = app.WriteClient();

        Assert.Equal(HttpStatusCode.OK, (await client.PostBatchAsync(Segment.Survey(NewCustomer(), nps: 1))).StatusCode);

        // The batch goes to the configured address again and again (retried as failed), never to where it points.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (receiver.Redirects < 3 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(receiver.Redirects >= 3, $"the redirecting address was asked {receiver.Redirects} times");
        Assert.False(receiver.HasAccepted, "the signed batch followed the redirect");
    }

    [Fact]
    public async Task AChangeTheReceiverAlwaysRefusesIsGivenUpOnAndTheChangesBehindItAreDelivered()
    {
        // The receiver refuses (400) any batch holding the poison customer's change; the others come in the same request.
        await using var receiver = await WebhookReceiver.StartAsync(refuse: body => body.Contains("poison-", StringComparison.Ordinal));
        await using var app = App(receiver, [Dimensions.Nps], []);
        var client = app.WriteClient();
        var poison = $"poison-{Guid.NewGuid():N}";
        var good = Enumerable.Range(0, 5).Select(_ => NewCustomer()).ToList();

        Assert.Equal(HttpStatusCode.OK, (await client.PostBatchAsync([Segment.Survey(poison, nps: 1), .. good.Select(c => Segment.Survey(c, nps: 1))])).StatusCode);

        // Every other change arrives: the refused batch was halved until the poison change was alone, then given up on.
        var seen = new List<(JsonElement Change, byte[] Body, string Signature)>();
        foreach (var customer in good)
        {
            if (seen.Any(s => s.Change.GetProperty("customerId").GetString() == customer)) continue;
            await receiver.WaitForAsync(c => c.GetProperty("customerId").GetString() == customer, seen);
        }
        Assert.DoesNotContain(seen, s => s.Change.GetProperty("customerId").GetString() == poison);

        // The poison change alone is refused MaxRefusals (5) times and then given up on: no more attempts after that, and a
        // change made later goes straight out.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (receiver.Refusals < 5 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(receiver.Refusals >= 5, $"refused {receiver.Refusals} times");
        var later = NewCustomer();
        Assert.Equal(HttpStatusCode.OK, (await client.PostBatchAsync(Segment.Survey(later, nps: 1))).StatusCode);
        await receiver.WaitForAsync(c => c.GetProperty("customerId").GetString() == later, seen);
        var refusals = receiver.Refusals;
        Assert.DoesNotContain(seen, s => s.Change.GetProperty("customerId").GetString() == poison);
        Assert.Equal(refusals, receiver.Refusals);
    }

    [Fact]
    public void ChangeIdsAreTheSameForEveryDeliveryOfOneChange()
    {
        var at = DateTimeOffset.UtcNow;
        var change = new ClassChange("c", Dimensions.Value, null, "A", at, "m");
        Assert.Equal(WebhookPayload.IdOf(change), WebhookPayload.IdOf(change with { }));
        Assert.NotEqual(WebhookPayload.IdOf(change), WebhookPayload.IdOf(change with { NewClass = "B" }));
    }

    [Fact]
    public void FiltersMatchChangesIntoOrOutOfAClass()
    {
        var endpoint = new WebhookEndpointOptions { Dimensions = [Dimensions.Lifecycle], Classes = ["churned"] };
        var at = DateTimeOffset.UtcNow;
        Assert.True(endpoint.Matches(new ClassChange("c", Dimensions.Lifecycle, "dormant", "churned", at, null)));
        Assert.True(endpoint.Matches(new ClassChange("c", Dimensions.Lifecycle, "churned", "active", at, null)));
        Assert.False(endpoint.Matches(new ClassChange("c", Dimensions.Lifecycle, "new", "active", at, null)));
        Assert.False(endpoint.Matches(new ClassChange("c", Dimensions.Value, null, "churned", at, null)));
    }

    [Fact]
    public void SettingsNameTheWrongSetting()
    {
        var options = new WebhookOptions { Endpoints = [new WebhookEndpointOptions { Url = "http://example.test/h" }] };
        var result = new WebhookOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("Profiles:Webhooks:Endpoints:0:Secret", result.FailureMessage, StringComparison.Ordinal);
    }
}
