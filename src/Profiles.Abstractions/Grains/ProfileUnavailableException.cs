namespace Profiles.Abstractions.Grains;

/// <summary>
/// A customer's profile could not be stored (or read) just now; none of the events of the failed call were kept and
/// the caller should retry them, with the same message ids, after a short wait.
/// </summary>
[GenerateSerializer]
public sealed class ProfileUnavailableException : Exception
{
    public ProfileUnavailableException() { }

    public ProfileUnavailableException(string message) : base(message) { }

    public ProfileUnavailableException(string message, Exception inner) : base(message, inner) { }
}
