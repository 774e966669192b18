using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace Profiles.Cluster.Tests.Infrastructure;

/// <summary>
/// One Profiles host (web API and silo in one process) started with <c>dotnet Profiles.Host.dll</c>, configured through
/// environment variables, as an operator would run it.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private const int MaxOutputLines = 300;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SiloProcess(string name, int httpPort, int siloPort, IReadOnlyDictionary<string, string> settings)
    {
        Name = name;
        SiloPort = siloPort;
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}");
        var start = new ProcessStartInfo("dotnet")
        {
            // The build output is the content root, so the host's appsettings.json applies.
            WorkingDirectory = Path.GetDirectoryName(HostExecutable.DllPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostExecutable.DllPath);
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Profiles__Clustering__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    /// <summary>The host's HTTP endpoint, e.g. <c>http://127.0.0.1:5080/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The silo-to-silo port, which names this silo in the membership table.</summary>
    public int SiloPort { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the host wrote, for failure messages.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    public static SiloProcess Start(string name, int httpPort, int siloPort, IReadOnlyDictionary<string, string> settings) =>
        new(name, httpPort, siloPort, settings);

    /// <summary>
    /// Waits until the host answers a profile read (404 for an unknown customer): its web host is up and its silo
    /// serves grain calls.
    /// </summary>
    public async Task WaitUntilAnsweringAsync(HttpClient http, string agentKey, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} while starting:{Environment.NewLine}{RecentOutput}");
            }

            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddress, "/api/customers/readiness-probe"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agentKey);
                using var response = await http.SendAsync(request);
                if ((int)response.StatusCode is 404 or 200)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"{Name} did not answer at {BaseAddress} within {timeout}:{Environment.NewLine}{RecentOutput}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Kills the process and its children with SIGKILL, as a crash or an OOM kill would: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>
    /// Stops the host gracefully with SIGTERM, as <c>docker stop</c> or Kubernetes would: the silo leaves the cluster
    /// and the web host drains. Returns the exit code; throws if it does not exit within <paramref name="timeout"/>.
    /// </summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill")
            {
                ArgumentList = { "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture) },
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException("Could not run kill.");
            await kill.WaitForExitAsync();
        }

        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new TimeoutException($"{Name} did not stop within {timeout} after SIGTERM:{Environment.NewLine}{RecentOutput}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > MaxOutputLines && _output.TryDequeue(out _))
        {
        }
    }
}
