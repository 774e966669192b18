namespace Profiles.Demo.Sending;

/// <summary>What the service answered to one acknowledged batch: events kept, events it had already, and events it rejected.</summary>
/// <param name="Events">Events in the batch.</param>
/// <param name="Accepted">Events the service kept.</param>
/// <param name="Duplicates">Events whose message id the service had applied already.</param>
/// <param name="Rejected">Events the service rejected on their own.</param>
/// <param name="FirstRejection">The reason given for the first rejected event, when any was.</param>
/// <param name="Attempts">How many times the batch was sent before it was acknowledged.</param>
public sealed record BatchAnswer(int Events, int Accepted, int Duplicates, int Rejected, string? FirstRejection, int Attempts);
