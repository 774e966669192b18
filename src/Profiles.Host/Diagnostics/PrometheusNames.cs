using System.Diagnostics.Metrics;
using System.Text;
using OpenTelemetry.Metrics;

namespace Profiles.Host.Diagnostics;

/// <summary>
/// The names <c>/metrics</c> has always given: the meter name and the instrument name, lower case, with <c>_</c> for
/// anything else (<c>Profiles</c> + <c>ingest.accepted</c> = <c>profiles_ingest_accepted</c>, which the exporter ends in
/// <c>_total</c> as a counter). Applied as a view of the Prometheus exporter only: OTLP receives the instruments' own
/// names, as OpenTelemetry's conventions have them.
/// </summary>
public static class PrometheusNames
{
    /// <summary>The stream configuration that gives <paramref name="instrument"/> its Prometheus name.</summary>
    public static MetricStreamConfiguration View(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return new MetricStreamConfiguration { Name = Of(instrument) };
    }

    /// <summary>The Prometheus base name of <paramref name="instrument"/>, before the exporter's type suffixes.</summary>
    public static string Of(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var name = $"{instrument.Meter.Name}_{instrument.Name}";
        var text = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant()) text.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '_');
        // A view's name must start with a letter.
        if (text.Length == 0 || !char.IsAsciiLetter(text[0])) text.Insert(0, 'm');
        return text.ToString();
    }
}
