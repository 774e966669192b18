namespace Profiles.Domain.Classification;

/// <summary>The class a classifier put a customer in for one dimension, with the reason in words.</summary>
public sealed record ClassAssignment(string Dimension, string Value, string Reason);
