using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Profiles.Demo.Service;

/// <summary>
/// The Profiles host of this repository run as a child process (<c>dotnet Profiles.Host.dll</c>, built with the demo), in
/// Development as <c>dotnet run</c> runs it, with the demo's keys. Its output goes to the demo's console, each line marked.
/// </summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    private const int KeptLines = 40;
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(40);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _recent = new();
    private readonly ILogger _logger;

    private ServiceProcess(Process process, Uri address, ILogger logger)
    {
        _process = process;
        Address = address;
        _logger = logger;
    }

    /// <summary>Where the service answers, e.g. <c>http://localhost:5080/</c>.</summary>
    public Uri Address { get; }

    /// <summary>The host's built dll, from the build of this demo.</summary>
    public static string HostDll { get; } = typeof(ServiceProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ProfilesHostDll").Value!;

    /// <summary>Starts the host on <paramref name="port"/> with <paramref name="keys"/>; other settings come from the environment, as for the host itself.</summary>
    public static ServiceProcess Start(int port, ServiceKeys keys, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (!File.Exists(HostDll))
            throw new FileNotFoundException($"The Profiles host is not built at {HostDll}; build the demo (dotnet build src/Profiles.Demo) to build it.", HostDll);
        var address = new Uri($"http://localhost:{port.ToString(CultureInfo.InvariantCulture)}/");
        var start = new ProcessStartInfo("dotnet")
        {
            // The build output is the content root, so the host's appsettings.json and pages apply.
            WorkingDirectory = Path.GetDirectoryName(HostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostDll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        foreach (var (key, value) in keys.Environment) start.Environment[key] = value;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var service = new ServiceProcess(process, address, logger);
        process.OutputDataReceived += (_, e) => service.Forward(e.Data);
        process.ErrorDataReceived += (_, e) => service.Forward(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        LogStarted(logger, process.Id, HostDll);
        return service;
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200; throws with the host's last lines if it exits or takes longer than <paramref name="timeout"/>.</summary>
    public async Task WaitUntilReadyAsync(HttpClient http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var deadline = Stopwatch.StartNew();
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The service exited with code {_process.ExitCode} while starting; its last lines:{Environment.NewLine}{string.Join(Environment.NewLine, _recent)}");
            try
            {
                using var response = await http.GetAsync(new Uri(Address, "/health/ready"), cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (deadline.Elapsed > timeout) throw new TimeoutException($"The service was not ready at {Address} within {timeout.TotalSeconds:0} s.");
            await pace.WaitForNextTickAsync(cancellationToken);
        }
    }

    /// <summary>Stops the service as Ctrl+C or <c>docker stop</c> would (SIGTERM: it drains and leaves gracefully), killing it if it takes too long.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                LogStopping(_logger, _process.Id);
                Terminate();
                using var patience = new CancellationTokenSource(StopTimeout);
                try
                {
                    await _process.WaitForExitAsync(patience.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the signal.
        }
        _process.Dispose();
    }

    private void Terminate()
    {
        if (OperatingSystem.IsWindows())
        {
            _process.Kill(entireProcessTree: true);
            return;
        }
        // .NET has no call to send SIGTERM; kill(1) does.
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false });
        kill?.WaitForExit();
    }

    private void Forward(string? line)
    {
        if (line is null) return;
        _recent.Enqueue(line);
        while (_recent.Count > KeptLines && _recent.TryDequeue(out _))
        {
        }
        Console.Out.WriteLine($"service | {line}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting the Profiles service (process {ProcessId}, {Dll})")]
    private static partial void LogStarted(ILogger logger, int processId, string dll);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping the Profiles service (process {ProcessId})")]
    private static partial void LogStopping(ILogger logger, int processId);
}
