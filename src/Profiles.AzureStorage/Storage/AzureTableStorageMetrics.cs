using System.Diagnostics.Metrics;

namespace Profiles.AzureStorage.Storage;

/// <summary>
/// The <c>Profiles.AzureStorage</c> meter: how many grain-state writes reach the table, so that group commit (several
/// events per write) can be measured against the events ingested.
/// </summary>
public static class AzureTableStorageMetrics
{
    /// <summary>The meter's name, for exporters and <see cref="MeterListener"/>s.</summary>
    public const string MeterName = "Profiles.AzureStorage";

    /// <summary>The counter of successful grain-state writes (inserts and updates), tagged with the storage name.</summary>
    public const string WritesName = "profiles.storage.writes";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Writes = Meter.CreateCounter<long>(WritesName, "{write}",
        "Grain-state writes stored in Azure Table storage (one per group commit of a customer).");

    internal static void WriteStored(string storageName) => Writes.Add(1, new KeyValuePair<string, object?>("storage", storageName));
}
