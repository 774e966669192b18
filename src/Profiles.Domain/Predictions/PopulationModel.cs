using Profiles.Domain.Statistics;

namespace Profiles.Domain.Predictions;

/// <summary>
/// The models fitted to the whole population at one moment, published to every silo with a version that increases with
/// each refit: the BG/NBD purchase model and the Gamma-Gamma spend model, in the time unit of <paramref name="TimeUnitDays"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PopulationModel(
    [property: Id(0)] long Version,
    [property: Id(1)] DateTimeOffset FittedAt,
    [property: Id(2)] double TimeUnitDays,
    [property: Id(3)] BgNbdFit Purchases,
    [property: Id(4)] GammaGammaFit Spend)
{
    /// <summary>
    /// Fits both models to <paramref name="population"/> as it stands at <paramref name="now"/> (T measured to that day).
    /// Pure and deterministic: the same population, moment and options give the same model.
    /// </summary>
    public static PopulationModel Fit(BtydPopulation population, DateTimeOffset now, long version, PredictionOptions options)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(options);
        var nowDay = PopulationContribution.DayOf(now);
        var purchases = BgNbdModel.Fit(population.Observations(nowDay, options.TimeUnitDays), options.MaxIterations);
        var spend = GammaGammaModel.Fit(population.SpendObservations(), options.MaxIterations);
        return new PopulationModel(version, now, options.TimeUnitDays, purchases, spend);
    }
}
