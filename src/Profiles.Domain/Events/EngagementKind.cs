namespace Profiles.Domain.Events;

/// <summary>What kind of interaction an <see cref="EngagementRecorded"/> event was.</summary>
public enum EngagementKind
{
    Page = 0,
    Screen = 1,
    Track = 2,
    Share = 3,
    Comment = 4,
    Referral = 5,
}
