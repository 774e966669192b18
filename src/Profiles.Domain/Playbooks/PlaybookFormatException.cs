namespace Profiles.Domain.Playbooks;

/// <summary>A playbook file is not valid; the message names the problem (the JSON position or the entry and field).</summary>
public sealed class PlaybookFormatException : Exception
{
    public PlaybookFormatException()
    {
    }

    public PlaybookFormatException(string message)
        : base(message)
    {
    }

    public PlaybookFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
