using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Profiles.Host.Diagnostics;

/// <summary>
/// Listens to the exported meters (System.Diagnostics.Metrics) and writes what they measured in the Prometheus text
/// format: counters as <c>counter</c> (<c>_total</c>), up-down counters and gauges as <c>gauge</c>, histograms as
/// <c>histogram</c> with the instrument's advised buckets. Names are the meter name and the instrument name, lower case,
/// with <c>_</c> for anything else (<c>Profiles</c> + <c>ingest.accepted</c> = <c>profiles_ingest_accepted_total</c>).
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    /// <summary>The content type of the Prometheus text exposition format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    // Seconds from 1 ms to 10 s, then milliseconds up to 10 s for the meters (Orleans') that measure in ms.
    private static readonly double[] DefaultBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    private readonly MeterListener _listener = new();
    private readonly Func<string, bool> _export;
    private readonly ConcurrentDictionary<Instrument, InstrumentSeries> _instruments = new();
    private readonly Lock _scrape = new();

    public PrometheusExporter(Func<string, bool> exportMeter)
    {
        ArgumentNullException.ThrowIfNull(exportMeter);
        _export = exportMeter;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!_export(instrument.Meter.Name)) return;
            _instruments.TryAdd(instrument, new InstrumentSeries(instrument, BucketsOf(instrument)));
            listener.EnableMeasurementEvents(instrument);
        };
        _listener.MeasurementsCompleted = (instrument, _) => _instruments.TryRemove(instrument, out InstrumentSeries? _);
        _listener.SetMeasurementEventCallback<byte>((i, v, t, _) => Record(i, v, t));
        _listener.SetMeasurementEventCallback<short>((i, v, t, _) => Record(i, v, t));
        _listener.SetMeasurementEventCallback<int>((i, v, t, _) => Record(i, v, t));
        _listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        _listener.SetMeasurementEventCallback<float>((i, v, t, _) => Record(i, v, t));
        _listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        _listener.SetMeasurementEventCallback<decimal>((i, v, t, _) => Record(i, (double)v, t));
        _listener.Start();
    }

    /// <summary>Everything measured so far, in the Prometheus text format.</summary>
    public string Scrape()
    {
        lock (_scrape)
        {
            // Observable instruments (gauges such as the relay queue depth) are read now, at scrape time.
            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (var family in _instruments.Values.GroupBy(s => s.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var first = family.First();
                text.Append("# HELP ").Append(first.Name).Append(' ').Append(Escape(first.Help, help: true)).Append('\n');
                text.Append("# TYPE ").Append(first.Name).Append(' ').Append(first.Type).Append('\n');
                foreach (var series in family) series.WriteTo(text);
            }
            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_instruments.TryGetValue(instrument, out var series)) series.Record(value, Labels(tags));
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty) return "";
        var pairs = new List<string>(tags.Length);
        foreach (var (key, value) in tags)
            pairs.Add($"{Sanitize(key)}=\"{Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", help: false)}\"");
        pairs.Sort(StringComparer.Ordinal);
        return string.Join(',', pairs);
    }

    private static double[] BucketsOf(Instrument instrument) => instrument switch
    {
        Histogram<double> { Advice.HistogramBucketBoundaries: { Count: > 0 } advised } => [.. advised],
        Histogram<long> { Advice.HistogramBucketBoundaries: { Count: > 0 } advised } => [.. advised.Select(b => (double)b)],
        Histogram<int> { Advice.HistogramBucketBoundaries: { Count: > 0 } advised } => [.. advised.Select(b => (double)b)],
        _ => DefaultBuckets,
    };

    internal static string Sanitize(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant()) text.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '_');
        if (text.Length == 0 || char.IsAsciiDigit(text[0])) text.Insert(0, '_');
        return text.ToString();
    }

    private static string Escape(string value, bool help)
    {
        var escaped = value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return help ? escaped : escaped.Replace("\"", "\\\"", StringComparison.Ordinal);
    }
}
