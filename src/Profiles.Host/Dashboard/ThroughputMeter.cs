using System.Diagnostics.Metrics;
using Profiles.Grains.Diagnostics;

namespace Profiles.Host.Dashboard;

/// <summary>
/// Running totals of this silo's accepted events and class changes, read from the <c>Profiles</c> meter of this host
/// (not of other hosts in the same process), so the dashboard can derive rates from two readings.
/// </summary>
public sealed class ThroughputMeter : IDisposable
{
    private const string AcceptedInstrument = "ingest.accepted";
    private const string ClassChangesInstrument = "class_changes";

    private readonly MeterListener _listener = new();
    private long _events;
    private long _classChanges;

    public ThroughputMeter(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name != ProfilesMetrics.MeterName || !ReferenceEquals(instrument.Meter.Scope, meterFactory)) return;
            if (instrument.Name is AcceptedInstrument or ClassChangesInstrument) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == AcceptedInstrument) Interlocked.Add(ref _events, value);
            else Interlocked.Add(ref _classChanges, value);
        });
        _listener.Start();
    }

    /// <summary>Events accepted by this silo since it started.</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>Class changes published by this silo since it started.</summary>
    public long ClassChanges => Interlocked.Read(ref _classChanges);

    public void Dispose() => _listener.Dispose();
}
