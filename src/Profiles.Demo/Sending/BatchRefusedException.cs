namespace Profiles.Demo.Sending;

/// <summary>The service refused a batch for good (a wrong write key, a request it cannot read): sending it again cannot help.</summary>
public sealed class BatchRefusedException : Exception
{
    public BatchRefusedException() { }

    public BatchRefusedException(string message) : base(message) { }

    public BatchRefusedException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The HTTP status of the refusal.</summary>
    public int Status { get; init; }
}
