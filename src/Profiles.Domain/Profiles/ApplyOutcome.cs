namespace Profiles.Domain.Profiles;

/// <summary>What folding one event did to a profile.</summary>
public enum ApplyOutcome
{
    /// <summary>The event was new and is now part of the profile.</summary>
    Applied = 0,

    /// <summary>The profile had already applied an event with this message id; nothing changed.</summary>
    Duplicate = 1,
}
