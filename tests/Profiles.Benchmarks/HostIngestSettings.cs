namespace Profiles.Benchmarks;

/// <summary>The load the host benchmark sends.</summary>
internal sealed record HostIngestSettings(int Events, int Customers, double Skew, int EventsPerRequest, int Concurrency);
