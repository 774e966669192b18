namespace Profiles.Domain.Predictions;

/// <summary>How a model fit ended.</summary>
public enum FitStatus
{
    /// <summary>The optimiser met its tolerances: the parameters maximise the likelihood.</summary>
    Converged = 0,

    /// <summary>The optimiser ran out of iterations; the parameters are the best it found, which may not be the maximum.</summary>
    IterationLimit = 1,

    /// <summary>Too few customers (or none who bought again) to fit: there are no parameters.</summary>
    InsufficientData = 2,

    /// <summary>The likelihood was not finite anywhere the optimiser looked: there are no parameters.</summary>
    Failed = 3,
}
