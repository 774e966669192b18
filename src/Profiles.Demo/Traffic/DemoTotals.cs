namespace Profiles.Demo.Traffic;

/// <summary>What a demo run has sent so far and what the service made of it.</summary>
/// <param name="Customers">Customers made so far.</param>
/// <param name="Seeded">Whether the seed is sent and the live stream has begun.</param>
/// <param name="Batches">Batches the service acknowledged.</param>
/// <param name="Events">Events in those batches.</param>
/// <param name="Accepted">Events the service kept.</param>
/// <param name="Duplicates">Events the service had applied already.</param>
/// <param name="Rejected">Events the service rejected.</param>
public sealed record DemoTotals(int Customers, bool Seeded, long Batches, long Events, long Accepted, long Duplicates, long Rejected);
