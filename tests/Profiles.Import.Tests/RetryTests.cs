using Profiles.Import.Tests.Infrastructure;

namespace Profiles.Import.Tests;

public sealed class RetryTests : IDisposable
{
    private readonly TempFiles _files = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _files.Dispose();
    }

    private ImportSettings Settings(Uri url, string file) => CommandLine.Parse(
    [
        "--url", url.ToString(), "--write-key", "k", "--file", file, "--map", "userId=id", "--map", "event='Page Viewed'",
        "--batch-size", "2", "--retry-delay-ms", "5", "--max-retries", "4",
    ]);

    private string Events() => _files.Write("events.csv", "id\n1\n2\n3\n");

    [Fact]
    public async Task UnavailableAnswersAreRetriedAfterRetryAfterAndNothingIsLost()
    {
        await using var stub = await StubIngest.StartAsync(attempt => attempt <= 2 ? (503, "0") : attempt == 3 ? (429, "0") : null);
        var result = await new Importer(Settings(stub.BaseAddress, Events()), _http, TextWriter.Null, false).RunAsync(CancellationToken.None);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(3, stub.AcceptedIds.Distinct().Count());
        Assert.Equal(5, stub.Requests);
    }

    [Fact]
    public async Task ServerErrorsAreRetriedWithBackOff()
    {
        await using var stub = await StubIngest.StartAsync(attempt => attempt <= 3 ? (500, null) : null);
        var result = await new Importer(Settings(stub.BaseAddress, Events()), _http, TextWriter.Null, false).RunAsync(CancellationToken.None);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(3, stub.AcceptedIds.Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(413)]
    public async Task RefusalsAreNeverRetried(int status)
    {
        await using var stub = await StubIngest.StartAsync(_ => (status, null));
        var result = await new Importer(Settings(stub.BaseAddress, Events()), _http, TextWriter.Null, false).RunAsync(CancellationToken.None);

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Equal(1, stub.Requests);
    }

    [Fact]
    public async Task AServerThatStaysDownEndsTheRunWithUnavailable()
    {
        await using var stub = await StubIngest.StartAsync(_ => (503, "0"));
        var result = await new Importer(Settings(stub.BaseAddress, Events()), _http, TextWriter.Null, false).RunAsync(CancellationToken.None);

        Assert.Equal(ExitCodes.Unavailable, result.ExitCode);
        Assert.Equal(5, stub.Requests);
    }

    [Fact]
    public void BackOffDoublesWithJitterUpToTheCeiling()
    {
        var sender = new BatchSender(_http, Settings(new Uri("http://127.0.0.1:1"), "f") with { RetryDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(8) });
        Assert.InRange(sender.Backoff(0).TotalSeconds, 0.5, 1);
        Assert.InRange(sender.Backoff(2).TotalSeconds, 2, 4);
        Assert.InRange(sender.Backoff(10).TotalSeconds, 4, 8);
    }
}
