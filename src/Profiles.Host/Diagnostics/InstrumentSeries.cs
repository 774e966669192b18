using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Profiles.Host.Diagnostics;

/// <summary>What one instrument measured, per label set, and how it is written in the Prometheus text format.</summary>
internal sealed class InstrumentSeries
{
    private readonly double[] _buckets;
    private readonly bool _cumulative;
    private readonly bool _histogram;
    private readonly Dictionary<string, double[]> _series = new(StringComparer.Ordinal);

    public InstrumentSeries(Instrument instrument, double[] buckets)
    {
        var type = instrument.GetType().GetGenericTypeDefinition();
        _histogram = type == typeof(Histogram<>);
        // Counter and UpDownCounter measurements are increments; observable ones are the current value.
        _cumulative = type == typeof(Counter<>) || type == typeof(UpDownCounter<>);
        var isCounter = type == typeof(Counter<>) || type == typeof(ObservableCounter<>);
        _buckets = buckets;
        var name = PrometheusExporter.Sanitize($"{instrument.Meter.Name}_{instrument.Name}");
        Name = isCounter ? name + "_total" : name;
        Type = _histogram ? "histogram" : isCounter ? "counter" : "gauge";
        Help = string.IsNullOrWhiteSpace(instrument.Unit) ? instrument.Description ?? "" : $"({instrument.Unit}) {instrument.Description}";
    }

    public string Name { get; }

    public string Type { get; }

    public string Help { get; }

    public void Record(double value, string labels)
    {
        lock (_series)
        {
            if (!_series.TryGetValue(labels, out var values))
            {
                // Histogram: one count per bucket, then +Inf, sum and count. Otherwise: the value.
                values = new double[_histogram ? _buckets.Length + 3 : 1];
                _series[labels] = values;
            }

            if (!_histogram)
            {
                values[0] = _cumulative ? values[0] + value : value;
                return;
            }

            var bucket = Array.FindIndex(_buckets, bound => value <= bound);
            values[bucket < 0 ? _buckets.Length : bucket]++;
            values[^2] += value;
            values[^1]++;
        }
    }

    public void WriteTo(StringBuilder text)
    {
        lock (_series)
        {
            foreach (var (labels, values) in _series)
            {
                if (!_histogram)
                {
                    Line(text, Name, labels, values[0]);
                    continue;
                }

                double cumulative = 0;
                for (var i = 0; i <= _buckets.Length; i++)
                {
                    cumulative += values[i];
                    var le = i < _buckets.Length ? _buckets[i].ToString(CultureInfo.InvariantCulture) : "+Inf";
                    Line(text, Name + "_bucket", labels.Length == 0 ? $"le=\"{le}\"" : $"{labels},le=\"{le}\"", cumulative);
                }
                Line(text, Name + "_sum", labels, values[^2]);
                Line(text, Name + "_count", labels, values[^1]);
            }
        }
    }

    private static void Line(StringBuilder text, string name, string labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0) text.Append('{').Append(labels).Append('}');
        text.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
    }
}
