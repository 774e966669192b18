using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Profiles.Host.Apis;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Ingest;

/// <summary>
/// Slow senders (slowloris): connections that announce a large body and trickle it just fast enough for Kestrel's
/// minimum data rate. They must not hold the silo's ingest slots, with or without a write key, and a body slower than
/// <c>Profiles:Ingest:BodyTimeout</c> is answered 408 and its connection closed.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class SlowBodyTests
{
    private const int SlowConnections = 300;
    private const int AnnouncedBytes = 500 * 1024;

    [Fact]
    public async Task ThreeHundredSlowBodiesHoldNoSlotAndNormalRequestsAreStillAnswered()
    {
        await using var app = new ProfilesApp(settings: new Dictionary<string, string?>
        {
            // Small on purpose: before the fix a handful of slow bodies took every slot.
            ["Profiles:Ingest:MaxConcurrentRequests"] = "8",
            ["Profiles:Ingest:MaxQueuedRequests"] = "8",
            ["Profiles:Ingest:MaxQueueWait"] = "00:00:01",
            ["Profiles:Ingest:BodyTimeout"] = "00:05:00",
        });
        var admission = app.Services.GetRequiredService<IngestAdmission>();
        using var stop = new CancellationTokenSource();
        var slow = new List<SlowSender>();
        try
        {
            for (var i = 0; i < SlowConnections; i++)
            {
                // Half send the (public) write key in HTTP Basic, half none at all.
                slow.Add(await SlowSender.StartAsync(app.BaseAddress, withKey: i % 2 == 0, stop.Token));
            }
            await Task.WhenAll(slow.Select(s => s.FirstBytesSent));

            using var writer = app.WriteClient();
            var customer = $"c-{Guid.NewGuid():N}";
            for (var i = 0; i < 20; i++)
            {
                var response = await writer.PostBatchAsync(Segment.Page(customer, $"Page {i}"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
            using var agent = app.ApiClient(TestKeys.Agent);
            var profile = await agent.GetFromJsonAsync<JsonObject>($"/api/customers/{customer}");
            Assert.Equal(20, (int)profile!["engagement"]!["pageViews"]!);

            // Every slow connection is still open and unanswered, and none of them took a slot.
            Assert.All(slow, s => Assert.False(s.Answered.IsCompleted, "a slow sender was answered before its body was complete"));
            Assert.Equal(8, admission.AvailableSlots);
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var s in slow) s.Dispose();
        }
    }

    [Fact]
    public async Task ABodySlowerThanTheBodyTimeoutIsAnswered408AndItsConnectionClosed()
    {
        await using var app = new ProfilesApp(settings: new Dictionary<string, string?>
        {
            ["Profiles:Ingest:BodyTimeout"] = "00:00:02",
        });
        using var stop = new CancellationTokenSource();
        using var sender = await SlowSender.StartAsync(app.BaseAddress, withKey: true, stop.Token);

        var answer = await sender.Answered.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.StartsWith("HTTP/1.1 408", answer, StringComparison.Ordinal);
        Assert.Contains("Profiles:Ingest:BodyTimeout", answer, StringComparison.Ordinal);
        Assert.Contains("Connection: close", answer, StringComparison.OrdinalIgnoreCase);
        await stop.CancelAsync();

        // The service goes on serving everyone else.
        using var writer = app.WriteClient();
        Assert.Equal(HttpStatusCode.OK, (await writer.PostBatchAsync(Segment.Page($"c-{Guid.NewGuid():N}", "Home"))).StatusCode);
    }

    /// <summary>
    /// One raw connection sending <c>POST /v1/batch</c> with a 500 KB Content-Length and then 1 KB every 500 ms (2 KB/s,
    /// above Kestrel's 240 B/s minimum data rate), while reading whatever the server answers.
    /// </summary>
    private sealed class SlowSender : IDisposable
    {
        private readonly TcpClient _client;
        private readonly TaskCompletionSource _firstBytes = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private SlowSender(TcpClient client) => _client = client;

        public Task FirstBytesSent => _firstBytes.Task;

        /// <summary>Completes with everything the server sent once it closes the connection or has answered.</summary>
        public Task<string> Answered { get; private set; } = Task.FromResult("");

        public static async Task<SlowSender> StartAsync(Uri server, bool withKey, CancellationToken stop)
        {
            var client = new TcpClient();
            await client.ConnectAsync(server.Host, server.Port, stop);
            var sender = new SlowSender(client);
            var stream = client.GetStream();
            sender.Answered = ReadAnswerAsync(stream);
            _ = sender.TrickleAsync(stream, server, withKey, stop);
            return sender;
        }

        private async Task TrickleAsync(NetworkStream stream, Uri server, bool withKey, CancellationToken stop)
        {
            try
            {
                var auth = withKey ? $"Authorization: Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes(TestKeys.Write + ":"))}\r\n" : "";
                var head = $"POST /v1/batch HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: application/json\r\n{auth}Content-Length: {AnnouncedBytes}\r\n\r\n{{\"batch\":[";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head), stop);
                await stream.FlushAsync(stop);
                _firstBytes.TrySetResult();
                var chunk = Encoding.ASCII.GetBytes(new string(' ', 1024));
                for (var sent = head.Length; sent + chunk.Length < AnnouncedBytes && !stop.IsCancellationRequested; sent += chunk.Length)
                {
                    // The pace of a slow sender, not a wait for a condition.
                    await Task.Delay(500, stop);
                    await stream.WriteAsync(chunk, stop);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
            {
                // Stopped, or the server closed the connection.
            }
            finally
            {
                _firstBytes.TrySetResult();
            }
        }

        private static async Task<string> ReadAnswerAsync(NetworkStream stream)
        {
            var answer = new StringBuilder();
            var buffer = new byte[4096];
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer)) > 0) answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
            {
                // The connection was reset after the answer.
            }
            return answer.ToString();
        }

        public void Dispose() => _client.Dispose();
    }
}
