namespace Profiles.Benchmarks;

/// <summary>What one schedule run measured.</summary>
internal sealed record ScheduleRunResult(
    string Storage,
    int Customers,
    TimeSpan Elapsed,
    long? Writes,
    MemorySample Before,
    MemorySample Active,
    MemorySample Collected,
    int ActivationsActive,
    int ActivationsCollected,
    StateBytes ComputedBuckets,
    StateBytes ComputedDays,
    StateBytes? StoredBuckets,
    StateBytes? StoredDays,
    int? StoredEmptyRows,
    TimeSpan? Fire,
    int FireCustomers)
{
    public double CustomersPerSecond => Customers / Elapsed.TotalSeconds;
}
