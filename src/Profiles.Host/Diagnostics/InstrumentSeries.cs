using System.Collections.Concurrent;
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
    private readonly ConcurrentDictionary<string, double[]> _series = new(StringComparer.Ordinal);

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
        // Measurements arrive from every thread (Orleans' messaging counters on each grain call): no lock on this path,
        // only atomic updates of the series' cells; a scrape may see a histogram mid-update, never a lost measurement.
        if (!_series.TryGetValue(labels, out var values))
        {
            // Histogram: one count per bucket, then +Inf, sum and count. Otherwise: the value.
            values = _series.GetOrAdd(labels, _ => new double[_histogram ? _buckets.Length + 3 : 1]);
        }

        if (!_histogram)
        {
            if (_cumulative) Add(ref values[0], value);
            else Volatile.Write(ref values[0], value);
            return;
        }

        var bucket = Array.FindIndex(_buckets, bound => value <= bound);
        Add(ref values[bucket < 0 ? _buckets.Length : bucket], 1);
        Add(ref values[^2], value);
        Add(ref values[^1], 1);
    }

    private static void Add(ref double cell, double value)
    {
        var current = Volatile.Read(ref cell);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref cell, current + value, current);
            if (seen.Equals(current)) return;
            current = seen;
        }
    }

    public void WriteTo(StringBuilder text)
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

    private static void Line(StringBuilder text, string name, string labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0) text.Append('{').Append(labels).Append('}');
        text.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
    }
}
