using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Profiles.Domain.Playbooks;

namespace Profiles.Grains.Playbooks;

/// <summary>
/// The playbook in force on this silo: read from <see cref="PlaybookOptions.Path"/> at start and again whenever the file
/// changes (a file watcher; set <c>DOTNET_USE_POLLING_FILE_WATCHER=true</c> where file events do not arrive, e.g. some
/// network or container mounts). A file that cannot be read or is not a valid playbook is logged as an error naming the
/// problem, and the last good playbook stays. No file at all means <see cref="Playbook.Default"/>.
/// </summary>
public sealed partial class PlaybookProvider : IHostedService, IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(150);

    private readonly ILogger<PlaybookProvider> _logger;
    private readonly PhysicalFileProvider? _files;
    private readonly string _fileName;
    private readonly IDisposable? _watch;
    private readonly Lock _reloading = new();
    private readonly Timer _debounce;
    private volatile Playbook _current = Playbook.Default;
    private bool _loadedFromFile;

    public PlaybookProvider(IOptions<PlaybookOptions> options, ILogger<PlaybookProvider> logger, IHostEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        FullPath = System.IO.Path.GetFullPath(options.Value.Path, environment?.ContentRootPath ?? AppContext.BaseDirectory);
        _fileName = System.IO.Path.GetFileName(FullPath);
        _debounce = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);

        var directory = System.IO.Path.GetDirectoryName(FullPath);
        if (directory is not null && Directory.Exists(directory))
        {
            _files = new PhysicalFileProvider(directory, ExclusionFilters.None);
            _watch = ChangeToken.OnChange(() => _files.Watch(_fileName), () => _debounce.Change(Settle, Timeout.InfiniteTimeSpan));
        }
        else
        {
            LogNoDirectory(FullPath);
        }
        Reload();
    }

    /// <summary>The absolute path of the playbook file.</summary>
    public string FullPath { get; }

    /// <summary>The playbook in force.</summary>
    public Playbook Current => _current;

    /// <summary>How many times a playbook was (re)loaded from the file.</summary>
    public long Version { get; private set; }

    /// <summary>How many times a changed file was refused as invalid (the last good playbook stayed).</summary>
    public long Rejections { get; private set; }

    /// <summary>Reads the file now (also what a change of the file triggers).</summary>
    public void Reload()
    {
        lock (_reloading)
        {
            string json;
            try
            {
                if (!File.Exists(FullPath))
                {
                    if (_loadedFromFile) LogMissingKeeping(FullPath);
                    else LogMissingDefaults(FullPath);
                    return;
                }
                json = ReadShared(FullPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogUnreadable(e, FullPath);
                return;
            }

            try
            {
                var playbook = Playbook.Parse(json);
                _current = playbook;
                _loadedFromFile = true;
                Version++;
                LogLoaded(FullPath, playbook.Rules.Count);
            }
            catch (PlaybookFormatException e)
            {
                Rejections++;
                LogInvalid(FullPath, e.Message);
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _watch?.Dispose();
        _files?.Dispose();
        _debounce.Dispose();
    }

    private static string ReadShared(string path)
    {
        // An editor may still hold the file: a few short retries before giving up until the next change.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                return reader.ReadToEnd();
            }
            catch (IOException) when (attempt < 3 && File.Exists(path))
            {
                Thread.Sleep(50 * attempt);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Playbook loaded from {Path}: {Rules} recommendations")]
    private partial void LogLoaded(string path, int rules);

    [LoggerMessage(Level = LogLevel.Error, Message = "The playbook {Path} is not valid and was not loaded; the last good playbook stays in force: {Problem}")]
    private partial void LogInvalid(string path, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "The playbook {Path} could not be read; the last good playbook stays in force")]
    private partial void LogUnreadable(Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No playbook file at {Path}: using the built-in default playbook until one is written there")]
    private partial void LogMissingDefaults(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The playbook file {Path} is gone; the last good playbook stays in force")]
    private partial void LogMissingKeeping(string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "The directory of the playbook {Path} does not exist: using the built-in default playbook, and changes cannot be watched")]
    private partial void LogNoDirectory(string path);
}
