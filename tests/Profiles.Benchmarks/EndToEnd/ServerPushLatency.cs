using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Profiles.Grains.Diagnostics;

namespace Profiles.Benchmarks.EndToEnd;

/// <summary>
/// The host's own <c>push.latency</c> measurements (class change made in the grain → handed to SignalR), recorded while
/// listening: the part of the push latency spent in the silo, relay and hub, before the network and the client.
/// </summary>
internal sealed class ServerPushLatency : IDisposable
{
    private const string Instrument = "push.latency";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<double> _milliseconds = new();

    public ServerPushLatency()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ProfilesMetrics.MeterName && instrument.Name == Instrument) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => _milliseconds.Enqueue(seconds * 1000));
        _listener.Start();
    }

    /// <summary>The measurements so far, in milliseconds, sorted.</summary>
    public double[] Sorted() => [.. _milliseconds.Order()];

    public void Dispose() => _listener.Dispose();
}
