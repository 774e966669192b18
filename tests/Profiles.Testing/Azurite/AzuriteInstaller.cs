using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Profiles.Testing.Azurite;

/// <summary>
/// Installs the pinned Azurite from <c>tests/azurite/package-lock.json</c> with <c>npm ci</c> when it is missing or stale.
/// A lock file in the temp directory keeps test projects running in parallel from installing at the same time.
/// </summary>
internal static class AzuriteInstaller
{
    private const string DirectoryVariable = "PROFILES_AZURITE_DIR";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);
    private static readonly SemaphoreSlim InProcess = new(1, 1);

    /// <summary>Returns the directory holding <c>node_modules/azurite</c>, installing it first if needed.</summary>
    public static async Task<string> EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        var directory = FindPackageDirectory();
        var lockHash = Hash(File.ReadAllBytes(Path.Combine(directory, "package-lock.json")));
        var marker = Path.Combine(directory, "node_modules", ".profiles-installed");
        if (IsInstalled(marker, lockHash))
        {
            return directory;
        }

        await InProcess.WaitAsync(cancellationToken);
        try
        {
            await using var crossProcessLock = await AcquireFileLockAsync(directory, cancellationToken);
            if (!IsInstalled(marker, lockHash))
            {
                await RunNpmCiAsync(directory, cancellationToken);
                await File.WriteAllTextAsync(marker, lockHash, cancellationToken);
            }
        }
        finally
        {
            InProcess.Release();
        }

        return directory;
    }

    private static bool IsInstalled(string marker, string lockHash) =>
        File.Exists(marker) && File.ReadAllText(marker).Trim() == lockHash;

    private static string FindPackageDirectory()
    {
        if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "azurite");
            if (File.Exists(Path.Combine(candidate, "package-lock.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"Cannot find tests/azurite/package-lock.json above {AppContext.BaseDirectory}; set {DirectoryVariable} to its directory.");
    }

    private static async Task<FileStream> AcquireFileLockAsync(string directory, CancellationToken cancellationToken)
    {
        // Not deleted afterwards: deleting a lock file others wait on would let two processes hold different files.
        var path = Path.Combine(Path.GetTempPath(), $"profiles-azurite-npm-{Hash(Encoding.UTF8.GetBytes(directory))[..16]}.lock");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (deadline.Elapsed < InstallTimeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }

    private static async Task RunNpmCiAsync(string directory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start npm.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InstallTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"npm ci in {directory} did not finish within {InstallTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"npm ci in {directory} failed with exit code {process.ExitCode}:{Environment.NewLine}{await output}{await error}");
        }
    }

    private static string Hash(byte[] content) => Convert.ToHexString(SHA256.HashData(content));
}
