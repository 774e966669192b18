using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Operations;

/// <summary>
/// OTLP export turns on with the standard OpenTelemetry variables alone, and one ingest request is one trace: the
/// spans of the grain calls it makes carry the trace id of the request.
/// </summary>
/// <remarks>
/// Alone in the process: an OpenTelemetry meter provider listens to meters by name, process-wide, and every instrument
/// it has seen counts towards its limit of metric streams even after its host is disposed; with the parallel tests'
/// hosts alive the app's own counters were, once in a CI run, never exported within the minute.
/// </remarks>
[Collection(RunsAlone.Name)]
public sealed class OpenTelemetryTests
{
    private static readonly TimeSpan ExportTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task WithTheStandardOtlpVariablesAnIngestRequestIsExportedAsOneTraceThroughTheGrainsAndMetricsFollow()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        await using var app = new ProfilesApp(settings: new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });
        var traceId = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/batch")
        {
            Content = new StringContent(Segment.Batch(Segment.Order("traced-customer", "o-1", 12m)).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(TestKeys.Write + ":")));

        // The caller's span: the request carries its trace id in traceparent (the HTTP client of this process is traced too,
        // since the host's instrumentation listens here, and makes its span a child of this one).
        using (var caller = new Activity("test caller")
            .SetParentId(ActivityTraceId.CreateFromString(traceId), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start())
        using (var response = await app.CreateClient().SendAsync(request))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // OTLP protobuf holds trace ids as 16 raw bytes and span names as UTF-8: the server span and a grain call's span
        // of this trace, without a protobuf parser.
        var id = Convert.FromHexString(traceId);
        await collector.WaitForAsync("traces", body => Contains(body, id) && Contains(body, Encoding.UTF8.GetBytes("POST /v1/batch")), ExportTimeout);
        await collector.WaitForAsync("traces", body => Contains(body, id) && Contains(body, Encoding.UTF8.GetBytes("ICustomerGrain")), ExportTimeout);
        await collector.WaitForAsync("metrics", body => Contains(body, Encoding.UTF8.GetBytes("ingest.accepted")), ExportTimeout);
    }

    private static bool Contains(byte[] body, byte[] part) => body.AsSpan().IndexOf(part) >= 0;
}
