using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Profiles.Demo.Tests.Infrastructure;

/// <summary>The demo command run as a user runs it (<c>dotnet Profiles.Demo.dll ...</c>), its console read line by line.</summary>
public sealed partial class DemoProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<string> _opsKey = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> _servicePid = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DemoProcess(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var dll = typeof(DemoProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProfilesDemoDll").Value!;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        _process.OutputDataReceived += (_, e) => Read(e.Data);
        _process.ErrorDataReceived += (_, e) => Read(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The ops key the demo printed for the service it started.</summary>
    public Task<string> OpsKey => _opsKey.Task;

    /// <summary>The process id of the service the demo started, from its log line.</summary>
    public Task<int> ServiceProcessId => _servicePid.Task;

    public string Output => string.Join(Environment.NewLine, _output);

    public static DemoProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment) => new(args, environment);

    /// <summary>Sends SIGTERM, as <c>kill</c> or a terminal closing does (the demo handles it as it handles Ctrl+C), and waits for the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false }))
        {
            await kill!.WaitForExitAsync();
        }
        using var patience = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(patience.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Read(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        if (OpsKeyLine().Match(line) is { Success: true } ops) _opsKey.TrySetResult(ops.Groups[1].Value);
        if (ServiceLine().Match(line) is { Success: true } pid) _servicePid.TrySetResult(int.Parse(pid.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^\s+ops\s+: (ops_[0-9a-f]+)$")]
    private static partial Regex OpsKeyLine();

    [GeneratedRegex(@"Starting the Profiles service \(process (\d+),")]
    private static partial Regex ServiceLine();
}
