using System.Diagnostics.Metrics;
using Profiles.AzureStorage.Storage;

namespace Profiles.Benchmarks;

/// <summary>Counts grain-state writes of the in-process host through its <c>profiles.storage.writes</c> counter.</summary>
internal sealed class StorageWriteCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _writes;

    public StorageWriteCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == AzureTableStorageMetrics.MeterName && instrument.Name == AzureTableStorageMetrics.WritesName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _writes, value));
        _listener.Start();
    }

    public long Writes => Interlocked.Read(ref _writes);

    public void Dispose() => _listener.Dispose();
}
