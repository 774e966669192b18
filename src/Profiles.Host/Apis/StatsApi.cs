using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Profiles.Abstractions.Grains;
using Profiles.Abstractions.Views;
using Profiles.Domain.Classification;
using Profiles.Domain.Predictions;
using Profiles.Domain.Predictions.Clusters;
using Profiles.Host.Auth;

namespace Profiles.Host.Apis;

/// <summary>Population statistics for ops: customers per class in every dimension, the RFM breakpoints in force and the population models.</summary>
public static class StatsApi
{
    public static IEndpointRouteBuilder MapStatsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/stats").RequireAuthorization(Policies.ReadStatistics).WithTags("Statistics")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/classes", GetClasses);
        api.MapGet("/breakpoints", GetBreakpoints);
        api.MapGet("/models", GetModels);
        return app;
    }

    /// <summary>
    /// The population models refitted last: BG/NBD (r, α, a, b) and Gamma-Gamma (p, q, γ) with their log-likelihood and
    /// status, the time unit and customers, and the discovered clusters with each centroid's name, centre and size.
    /// Version 0 before the first refit.
    /// </summary>
    public static async Task<Ok<ModelsResponse>> GetModels(IGrainFactory grains, IOptions<ClassificationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var unit = options.Value.Predictions.TimeUnitDays;
        if (await grains.GetGrain<IStatisticsGrain>(0).GetModelsAsync() is not { } models)
            return TypedResults.Ok(new ModelsResponse(0, null, unit, 0, null, null, null));

        var (purchases, spend) = (models.Population.Purchases, models.Population.Spend);
        var clusters = models.Clusters is { } c
            ? new ClustersResponse(c.Centroids.Length, c.Silhouette, c.Customers, [.. c.Features.Select(FeatureName)],
                [.. c.Centroids.Select(centroid => new ClusterResponse(
                    centroid.Name,
                    c.Features.Select((f, i) => (f, i)).ToImmutableSortedDictionary(x => FeatureName(x.f), x => centroid.Center[x.i], StringComparer.Ordinal),
                    c.Features.Select((f, i) => (f, i)).ToImmutableSortedDictionary(x => FeatureName(x.f), x => centroid.Standardised[x.i], StringComparer.Ordinal),
                    centroid.Customers))])
            : null;
        return TypedResults.Ok(new ModelsResponse(
            models.Version, models.FittedAt, models.Population.TimeUnitDays, purchases.Customers,
            new PurchaseModelResponse(purchases.Parameters?.R, purchases.Parameters?.Alpha, purchases.Parameters?.A, purchases.Parameters?.B,
                purchases.LogLikelihood, purchases.Customers, StatusName(purchases.Status), purchases.Converged, purchases.Iterations),
            new SpendModelResponse(spend.Parameters?.P, spend.Parameters?.Q, spend.Parameters?.Gamma, spend.Parameters?.PopulationMeanValue,
                spend.LogLikelihood, spend.Customers, StatusName(spend.Status), spend.Converged, spend.Iterations),
            clusters));
    }

    private static string FeatureName(ClusterFeature feature) => JsonNamingPolicy.CamelCase.ConvertName(feature.ToString());

    private static string StatusName(FitStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

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
