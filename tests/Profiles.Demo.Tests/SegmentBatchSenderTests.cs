using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Profiles.Demo.Sending;
using Profiles.Demo.Tests.Infrastructure;

namespace Profiles.Demo.Tests;

/// <summary>A batch the service cannot take yet is sent again, byte for byte, until it can; a refusal for good stops the demo.</summary>
public sealed class SegmentBatchSenderTests
{
    private static readonly Uri Service = new("http://127.0.0.1:5080/");

    [Fact]
    public async Task A503A429AndAConnectionFailureAreRetriedWithTheSameMessageIdsUntilTheBatchIsAccepted()
    {
        var ingest = new ScriptedIngest(HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests, null, HttpStatusCode.BadGateway);
        using var http = new HttpClient(ingest);
        var sender = Sender(http);

        var answer = await sender.SendAsync([Page("m-1"), Page("m-2"), Page("m-3")], CancellationToken.None);

        Assert.Equal(5, answer.Attempts);
        Assert.Equal(3, answer.Accepted);
        Assert.Equal(5, ingest.Requests.Count);
        Assert.All(ingest.Requests, ids => Assert.Equal(["m-1", "m-2", "m-3"], ids));
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.BadRequest)]
    public async Task ARefusalThatRetryingCannotMendStopsTheDemoNamingTheStatus(HttpStatusCode status)
    {
        var ingest = new ScriptedIngest(status);
        using var http = new HttpClient(ingest);

        var refused = await Assert.ThrowsAsync<BatchRefusedException>(() => Sender(http).SendAsync([Page("m-1")], CancellationToken.None));

        Assert.Equal((int)status, refused.Status);
        Assert.Single(ingest.Requests);
    }

    private static SegmentBatchSender Sender(HttpClient http) =>
        new(http, Service, "wk", NullLogger<SegmentBatchSender>.Instance) { FirstRetryDelay = TimeSpan.FromMilliseconds(1) };

    private static JsonObject Page(string messageId) => new() { ["type"] = "page", ["userId"] = "ada", ["messageId"] = messageId };
}
