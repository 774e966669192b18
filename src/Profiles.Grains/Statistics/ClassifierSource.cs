using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Profiles.Abstractions.Grains;
using Profiles.Domain.Classification;
using Profiles.Domain.Statistics;
using Profiles.Grains.Hosting;

namespace Profiles.Grains.Statistics;

/// <summary>
/// One per silo: the classifier customers are scored with. Every <see cref="StatisticsOptions.BreakpointsRefreshInterval"/>
/// the silo reads the published population models (and in Population mode the published breakpoints; in Fixed mode the
/// configured ones stay) and swaps in a classifier for each new version, so every customer is rescored, predicted and
/// clustered with the latest versions on its next touch.
/// </summary>
public sealed partial class ClassifierSource : BackgroundService
{
    private readonly ClassificationOptions _options;
    private readonly StatisticsOptions _statistics;
    private readonly IGrainFactory _grains;
    private readonly ProfileClock _time;
    private readonly ILogger<ClassifierSource> _logger;
    private volatile ProfileClassifier _current;

    // Audiences: the custom segments defined at runtime (CustomSegmentCatalogFollower), kept across breakpoint versions.
    private readonly Lock _swap = new();
    private IReadOnlyList<CustomSegment> _runtimeCustomSegments = [];

    public ClassifierSource(
        ProfileClassifier configured, IOptions<ClassificationOptions> options, IOptions<StatisticsOptions> statistics,
        IGrainFactory grains, ProfileClock time, ILogger<ClassifierSource> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(statistics);
        _current = configured;
        _options = options.Value;
        _statistics = statistics.Value;
        _grains = grains;
        _time = time;
        _logger = logger;
        Mode = _options.Rfm.Breakpoints.Mode;
        Detail = PopulationStatistics.DetailFor(_options.Rfm);
    }

    /// <summary>The classifier of the latest breakpoints this silo knows.</summary>
    public ProfileClassifier Current => _current;

    public BreakpointMode Mode { get; }

    /// <summary>The version of the runtime custom segment catalog the current classifier holds (0: none read yet).</summary>
    public long CustomSegmentsVersion { get; private set; }

    /// <summary>Swaps in a classifier with <paramref name="segments"/>, the runtime custom segments of catalog version <paramref name="version"/>.</summary>
    public void UseCustomSegments(IReadOnlyList<CustomSegment> segments, long version)
    {
        ArgumentNullException.ThrowIfNull(segments);
        lock (_swap)
        {
            _runtimeCustomSegments = segments;
            _current = new ProfileClassifier(_options, _current.Breakpoints, _current.Abc, _current.Models, segments);
            CustomSegmentsVersion = version;
        }
    }

    /// <summary>The joint cells the population statistics keep for this configuration.</summary>
    public CellDetail Detail { get; }

    /// <summary>Reads the published breakpoints and models now and swaps the classifier when either has a new version.</summary>
    public async Task RefreshAsync()
    {
        var statistics = _grains.GetGrain<IStatisticsGrain>(0);
        var current = _current;
        var (breakpoints, abc) = (current.Breakpoints, current.Abc);
        var changed = false;
        if (Mode == BreakpointMode.Population)
        {
            var published = await statistics.GetBreakpointsAsync();
            if (published.Version != 0 && published.Version != current.Breakpoints.Version)
            {
                breakpoints = new RfmBreakpoints(published.Recency, published.Frequency, published.Monetary, published.Version);
                abc = new AbcThresholds(published.AAbove, published.BAbove);
                changed = true;
                LogNewVersion(published.Version);
            }
        }
        var models = await statistics.GetModelsAsync(current.Models?.Version ?? 0);
        if (models is not null)
        {
            changed = true;
            LogNewModels(models.Version);
        }
        if (!changed) return;
        lock (_swap) _current = new ProfileClassifier(_options, breakpoints, abc, models ?? _current.Models, _runtimeCustomSegments);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Periodically.RefreshAsync(RefreshAsync, _statistics.BreakpointsRefreshInterval, _time, LogRefreshFailed, stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scoring customers with population breakpoints version {Version}")]
    private partial void LogNewVersion(long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Predicting and clustering customers with population models version {Version}")]
    private partial void LogNewModels(long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the population breakpoints or models; keeping the current ones")]
    private partial void LogRefreshFailed(Exception exception);
}
