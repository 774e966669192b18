using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Profiles.Abstractions.Grains;
using Profiles.Abstractions.CustomSegments;
using Profiles.Domain.Classification;
using Profiles.Grains.Audiences;
using Profiles.Grains.Hosting;
using Profiles.Grains.Statistics;

namespace Profiles.Grains.CustomSegments;

/// <summary>
/// One per silo: reads the runtime custom segment catalog every <see cref="AudienceOptions.SegmentRefreshInterval"/>
/// and swaps in a classifier with its segments (as <see cref="ClassifierSource"/> does for population breakpoints), so
/// a segment defined on any silo is in force on every silo within about that, without a restart. It also lets a walk
/// that stopped (a silo restarted under it) go on.
/// </summary>
public sealed partial class CustomSegmentCatalogFollower : BackgroundService
{
    /// <summary>Every this many reads, the walks still running are nudged (a walk whose activation went away resumes).</summary>
    private const int NudgeEvery = 10;

    private readonly IGrainFactory _grains;
    private readonly ClassifierSource _classifiers;
    private readonly ClassificationOptions _classification;
    private readonly AudienceOptions _options;
    private readonly ProfileClock _time;
    private readonly ILogger<CustomSegmentCatalogFollower> _logger;
    private readonly SemaphoreSlim _reading = new(1, 1);
    private readonly TaskCompletionSource _read = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _reads;

    public CustomSegmentCatalogFollower(
        IGrainFactory grains, ClassifierSource classifiers, IOptions<ClassificationOptions> classification, IOptions<AudienceOptions> options,
        ProfileClock time, ILogger<CustomSegmentCatalogFollower> logger)
    {
        ArgumentNullException.ThrowIfNull(classification);
        ArgumentNullException.ThrowIfNull(options);
        _grains = grains;
        _classifiers = classifiers;
        _classification = classification.Value;
        _options = options.Value;
        _time = time;
        _logger = logger;
        Ready = Task.WhenAny(_read.Task, Task.Delay(_options.SegmentStartWait, time));
    }

    /// <summary>Completes once this silo has read the catalog, or <see cref="AudienceOptions.SegmentStartWait"/> after it started.</summary>
    public Task Ready { get; }

    /// <summary>Completes once this silo classifies with catalog version <paramref name="version"/> or a later one, reading it now if need be.</summary>
    public async Task EnsureAsync(long version)
    {
        if (_classifiers.CustomSegmentsVersion >= version) return;
        await RefreshAsync();
        if (_classifiers.CustomSegmentsVersion < version)
            throw new InvalidOperationException($"The custom segment catalog is at version {_classifiers.CustomSegmentsVersion}, not yet {version}.");
    }

    /// <summary>Reads the catalog now and swaps the classifier when its version is new.</summary>
    public async Task RefreshAsync()
    {
        await _reading.WaitAsync();
        try
        {
            var catalog = await _grains.GetGrain<ICustomSegmentCatalogGrain>(0).GetAsync();
            if (catalog.Version != _classifiers.CustomSegmentsVersion) _classifiers.UseCustomSegments(Parse(catalog), catalog.Version);
            _read.TrySetResult();
            if (_reads++ % NudgeEvery == 0)
            {
                foreach (var walk in catalog.Walks) _ = NudgeAsync(walk);
            }
        }
        finally
        {
            _reading.Release();
        }
    }

    private List<CustomSegment> Parse(CustomSegmentCatalogView catalog)
    {
        var configured = _classification.ParseCustomSegments().Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var segments = new List<CustomSegment>(catalog.Segments.Length);
        foreach (var segment in catalog.Segments)
        {
            // The configuration's segment of the same name wins (it was defined there after this one).
            if (configured.Contains(segment.Name))
            {
                LogShadowed(segment.Name);
                continue;
            }
            try
            {
                segments.Add(CustomSegment.Parse(new CustomSegmentDefinition { Name = segment.Name, Condition = segment.Condition }, "Segment"));
            }
            catch (ArgumentException e)
            {
                LogUnreadable(e, segment.Name);
            }
        }
        return segments;
    }

    private async Task NudgeAsync(CustomSegmentWalk walk)
    {
        try
        {
            await _grains.GetGrain<ICustomSegmentBackfillGrain>(walk.Key).StartAsync(walk);
        }
        catch (Exception e)
        {
            LogNudgeFailed(e, walk.Key);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Periodically.RefreshAsync(RefreshAsync, _options.SegmentRefreshInterval, _time, LogRefreshFailed, stoppingToken);

    public override void Dispose()
    {
        _reading.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the runtime custom segment catalog; keeping the segments in force")]
    private partial void LogRefreshFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Runtime custom segment {Segment} is shadowed by the configuration's segment of the same name")]
    private partial void LogShadowed(string segment);

    [LoggerMessage(Level = LogLevel.Error, Message = "Runtime custom segment {Segment} cannot be read by this release; it is not classified")]
    private partial void LogUnreadable(Exception exception, string segment);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not nudge segment walk {Walk}")]
    private partial void LogNudgeFailed(Exception exception, string walk);
}
