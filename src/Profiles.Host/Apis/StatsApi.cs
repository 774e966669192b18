using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Profiles.Abstractions.Grains;
using Profiles.Abstractions.Views;
using Profiles.Domain.Classification;
using Profiles.Host.Auth;

namespace Profiles.Host.Apis;

/// <summary>Population statistics for ops: customers per class in every dimension, and the RFM breakpoints in force.</summary>
public static class StatsApi
{
    public static IEndpointRouteBuilder MapStatsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/stats").RequireAuthorization(Policies.ReadStatistics).WithTags("Statistics")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/classes", GetClasses);
        api.MapGet("/breakpoints", GetBreakpoints);
        return app;
    }

    /// <summary>Customers per class in every dimension, the total, and the breakpoint version the counts follow.</summary>
    public static async Task<Ok<ClassCountsView>> GetClasses(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IStatisticsGrain>(0).GetClassCountsAsync());

    /// <summary>
    /// The R, F and M breakpoints customers are scored with (four ascending numbers each), their version and mode, and
    /// the value tier thresholds. Fixed mode answers the configured numbers as version 0.
    /// </summary>
    public static async Task<Ok<BreakpointsResponse>> GetBreakpoints(IGrainFactory grains, IOptions<ClassificationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        if (settings.Rfm.Breakpoints.Mode == BreakpointMode.Fixed)
        {
            var fixedBreakpoints = settings.Rfm.Breakpoints.ToBreakpoints();
            return TypedResults.Ok(new BreakpointsResponse(
                0, nameof(BreakpointMode.Fixed), [.. fixedBreakpoints.Recency], [.. fixedBreakpoints.Frequency], [.. fixedBreakpoints.Monetary],
                new ValueThresholdsResponse((double)settings.Value.AFrom, (double)settings.Value.BFrom, "atLeast"), null, null));
        }

        var published = await grains.GetGrain<IStatisticsGrain>(0).GetBreakpointsAsync();
        if (published.Version == 0)
        {
            // Nobody ordered yet: customers are scored with the configured numbers until the first publication.
            var initial = settings.Rfm.Breakpoints.ToBreakpoints();
            return TypedResults.Ok(new BreakpointsResponse(
                0, nameof(BreakpointMode.Population), [.. initial.Recency], [.. initial.Frequency], [.. initial.Monetary],
                new ValueThresholdsResponse((double)settings.Value.AFrom, (double)settings.Value.BFrom, "atLeast"), 0, null));
        }
        return TypedResults.Ok(new BreakpointsResponse(
            published.Version, nameof(BreakpointMode.Population), published.Recency, published.Frequency, published.Monetary,
            new ValueThresholdsResponse(published.AAbove, published.BAbove, "above"), published.Customers, published.PublishedAt));
    }
}
