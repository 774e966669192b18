using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Profiles.Demo.Sending;
using Profiles.Demo.Service;
using Profiles.Demo.Traffic;

namespace Profiles.Demo;

/// <summary>
/// The demo command: drives the service at <c>--url</c>, or starts the service of this repository itself, prints where it
/// runs and its keys, and drives that; Ctrl+C stops the stream and the service it started.
/// </summary>
public sealed partial class DemoRunner(
    IOptions<DemoOptions> options, TimeProvider time, ILoggerFactory loggers, IHostApplicationLifetime lifetime, ILogger<DemoRunner> logger)
    : BackgroundService
{
    /// <summary>The host's first start compiles nothing but still starts a silo and installs its pages: give it time.</summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            if (settings.Url is { } url)
            {
                await DriveAsync(new Uri(url), settings.WriteKey!, http, stoppingToken);
                return;
            }
            var keys = ServiceKeys.Generate();
            await using var service = ServiceProcess.Start(settings.Port, keys, logger);
            await service.WaitUntilReadyAsync(http, ReadyTimeout, stoppingToken);
            LogRunning(service.Address, string.Join(Environment.NewLine, "",
                $"  write key  : {keys.WriteKey}",
                $"  agent      : {keys.Agent}",
                $"  ops        : {keys.Ops}",
                $"  admin      : {keys.Admin}",
                $"  dashboard  : {new Uri(service.Address, "/dashboard")} (ops or admin key)",
                $"  agent view : {new Uri(service.Address, "/agent")} (agent or admin key)"));
            await DriveAsync(service.Address, keys.WriteKey, http, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is BatchRefusedException or InvalidOperationException or TimeoutException or FileNotFoundException)
        {
            LogFailed(e.Message);
            Environment.ExitCode = 1;
        }
        finally
        {
            // The demo has nothing else to do: ending the run ends the program.
            lifetime.StopApplication();
        }
    }

    private async Task DriveAsync(Uri service, string writeKey, HttpClient http, CancellationToken stoppingToken)
    {
        var sender = new SegmentBatchSender(http, service, writeKey, loggers.CreateLogger<SegmentBatchSender>());
        await new DemoTraffic(options.Value, sender, time, loggers.CreateLogger<DemoTraffic>()).RunAsync(stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Profiles is running at {Address} with these keys, generated for this demo run:{Keys}")]
    private partial void LogRunning(Uri address, string keys);

    [LoggerMessage(Level = LogLevel.Error, Message = "The demo stopped: {Reason}")]
    private partial void LogFailed(string reason);
}
