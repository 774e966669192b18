namespace Profiles.Domain.Playbooks;

/// <summary>A recommended action for one customer, from the playbook rule of a class the customer is in, with the reason.</summary>
public sealed record Recommendation(string Dimension, string Class, string Action, string Channel, int Priority, string Reason);
