namespace Profiles.Domain.Predictions;

/// <summary>A number kept as <c>Mantissa · e^LogScale</c>, so that a series whose terms overflow a double can still be summed.</summary>
internal readonly record struct ScaledNumber(double Mantissa, double LogScale)
{
    /// <summary>ln |value| (−∞ for zero).</summary>
    public double LogAbs => Math.Log(Math.Abs(Mantissa)) + LogScale;

    /// <summary>The value as a double (may overflow to ±∞ or underflow to 0).</summary>
    public double Value => LogScale == 0 ? Mantissa : Math.Sign(Mantissa) * Math.Exp(LogAbs);

    /// <summary>The value times e^<paramref name="logFactor"/>, computed in log space.</summary>
    public double TimesExp(double logFactor) =>
        Mantissa == 0 ? 0 : Math.Sign(Mantissa) * Math.Exp(LogAbs + logFactor);
}
