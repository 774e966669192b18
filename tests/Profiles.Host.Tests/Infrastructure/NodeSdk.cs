using System.Diagnostics;
using System.Security.Cryptography;

namespace Profiles.Host.Tests.Infrastructure;

/// <summary>
/// The real JavaScript SDKs pinned in <c>tests/sdk/package-lock.json</c>, installed with <c>npm ci</c> when missing or
/// stale, and run with <c>node</c>.
/// </summary>
public static class NodeSdk
{
    private static readonly SemaphoreSlim Installing = new(1, 1);

    /// <summary>Runs a script of <c>tests/sdk</c> with the arguments; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string script, params string[] arguments)
    {
        var directory = await EnsureInstalledAsync();
        return await RunProcessAsync("node", directory, [script, .. arguments], TimeSpan.FromSeconds(60));
    }

    private static async Task<string> EnsureInstalledAsync()
    {
        var directory = FindDirectory();
        var lockHash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(directory, "package-lock.json"))));
        var marker = Path.Combine(directory, "node_modules", ".profiles-installed");
        await Installing.WaitAsync();
        try
        {
            if (!File.Exists(marker) || (await File.ReadAllTextAsync(marker)).Trim() != lockHash)
            {
                var (code, output) = await RunProcessAsync("npm", directory, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], TimeSpan.FromMinutes(5));
                if (code != 0) throw new InvalidOperationException($"npm ci in {directory} failed ({code}): {output}");
                await File.WriteAllTextAsync(marker, lockHash);
            }
        }
        finally
        {
            Installing.Release();
        }
        return directory;
    }

    private static string FindDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "sdk");
            if (File.Exists(Path.Combine(candidate, "package-lock.json"))) return candidate;
        }
        throw new InvalidOperationException($"Cannot find tests/sdk/package-lock.json above {AppContext.BaseDirectory}.");
    }

    private static async Task<(int ExitCode, string Output)> RunProcessAsync(string file, string directory, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(OperatingSystem.IsWindows() && file == "npm" ? "npm.cmd" : file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }
        return (process.ExitCode, await output + await error);
    }
}
