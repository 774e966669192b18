using Orleans.Runtime;

namespace Profiles.AzureStorage.Storage;

/// <summary>
/// Thrown when a grain's serialized state does not fit in one Azure Table entity (15 binary columns of 64 KiB).
/// Nothing is written: the stored state and its ETag stay as they were.
/// </summary>
[GenerateSerializer]
public sealed class GrainStateTooLargeException : OrleansException
{
    /// <summary>Creates the exception with a message that says which state is too large and by how much.</summary>
    public GrainStateTooLargeException(string message)
        : base(message)
    {
    }
}
