using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Profiles.Testing.Ports;

namespace Profiles.Testing.Azurite;

/// <summary>
/// A real Azurite Table service in a child process, on a local port, for one test class or collection.
/// It can be stopped and started again on the same port to simulate a storage outage.
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known (public) development account key.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const int MaxOutputLines = 200;
    private const string ClosedMessage = "successfully closed";
    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(10);

    private readonly AzuriteOptions _options;
    private readonly string _packageDirectory;
    private readonly string _workDirectory;
    private readonly bool _ownsWorkDirectory;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Process? _process;
    private TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    private AzuriteInstance(AzuriteOptions options, string packageDirectory, int port)
    {
        _options = options;
        _packageDirectory = packageDirectory;
        Port = port;
        _ownsWorkDirectory = options.Location is null;
        _workDirectory = options.Location ?? Directory.CreateTempSubdirectory("profiles-azurite-").FullName;
        Directory.CreateDirectory(_workDirectory);
    }

    /// <summary>Port of the Table endpoint; kept across <see cref="StopAsync"/> and <see cref="StartAsync()"/>.</summary>
    public int Port { get; }

    /// <summary>The Table endpoint, e.g. <c>http://127.0.0.1:12345/devstoreaccount1</c>.</summary>
    public Uri TableEndpoint => new($"http://127.0.0.1:{Port}/{AccountName}");

    /// <summary>A connection string for the Table endpoint with the development account key.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint={TableEndpoint};";

    /// <summary>Whether the Azurite process is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>
    /// Installs Azurite if needed (<c>npm ci</c> in <c>tests/azurite</c>), starts it and waits until it answers.
    /// </summary>
    public static async Task<AzuriteInstance> StartAsync(AzuriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AzuriteOptions();
        var packageDirectory = await AzuriteInstaller.EnsureInstalledAsync(cancellationToken);

        // The port is ours (TestPorts), so only a program outside the tests can take it before Azurite binds it; then try another one.
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var instance = new AzuriteInstance(options, packageDirectory, options.Port != 0 ? options.Port : TestPorts.Reserve());
            try
            {
                await instance.StartAsync(cancellationToken);
                return instance;
            }
            catch (InvalidOperationException) when (attempt < attempts && options.Port == 0)
            {
                await instance.DisposeAsync();
            }
            catch
            {
                await instance.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Starts Azurite again on the same port after <see cref="StopAsync"/>; waits until it answers.</summary>
    public Task StartAsync() => StartAsync(CancellationToken.None);

    /// <summary>Starts Azurite again on the same port after <see cref="StopAsync"/>; waits until it answers.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (IsRunning)
            {
                return;
            }

            _closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _process = Process.Start(CreateStartInfo()) ?? throw new InvalidOperationException("Could not start node.");
            _process.OutputDataReceived += (_, e) => Record(e.Data);
            _process.ErrorDataReceived += (_, e) => Record(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            await WaitUntilAnsweringAsync(_process, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stops Azurite as Ctrl+C would (the port stops answering): data persisted to disk is saved first and survives a
    /// <see cref="StartAsync()"/>; in-memory data is lost.
    /// </summary>
    public async Task StopAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_process is { HasExited: false } process)
            {
                process.StandardInput.Close();
                var exited = process.WaitForExitAsync();
                await Task.WhenAny(_closed.Task, exited, Task.Delay(GracefulStopTimeout));
            }

            await KillAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Kills Azurite abruptly, as a crash would: disk data written in the last seconds may be lost.</summary>
    public async Task CrashAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await KillAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The last lines Azurite wrote, for diagnosing a failed start.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopAsync();
        _gate.Dispose();
        if (_ownsWorkDirectory)
        {
            try
            {
                Directory.Delete(_workDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp directory is harmless.
            }
        }
    }

    private ProcessStartInfo CreateStartInfo()
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = _workDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            Path.Combine(_packageDirectory, "start-table.js"),
            "--tableHost", "127.0.0.1",
            "--tablePort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--skipApiVersionCheck",
            "--loose",
            "--disableTelemetry",
            .. _options.PersistToDisk ? new[] { "--location", _workDirectory } : ["--inMemoryPersistence"],
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private async Task WaitUntilAnsweringAsync(Process process, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"Azurite exited with code {process.ExitCode} while starting on port {Port}:{Environment.NewLine}{RecentOutput}");
            }

            try
            {
                // Any HTTP answer (403 without a signature) means the service listens.
                using var _ = await http.GetAsync(new Uri(TableEndpoint, $"/{AccountName}/Tables"), cancellationToken);
                return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            if (deadline.Elapsed > _options.StartTimeout)
            {
                await KillAsync();
                throw new TimeoutException($"Azurite did not answer on port {Port} within {_options.StartTimeout}:{Environment.NewLine}{RecentOutput}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private async Task KillAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.Contains(ClosedMessage, StringComparison.Ordinal))
        {
            _closed.TrySetResult();
        }

        _output.Enqueue(line);
        while (_output.Count > MaxOutputLines && _output.TryDequeue(out _))
        {
        }
    }

}
