using Profiles.Domain.Classification;
using Profiles.Domain.Events;

namespace Profiles.Domain.Profiles;

/// <summary>
/// Collects what a group of folds (one drain of a customer's queued calls) did, so the profile is classified once after
/// all of them instead of after every event. Class changes are then net changes of the group: a class left and taken
/// again within it is no change. A change is attributed to the latest applied event by timestamp (then by the greater
/// message id), which does not depend on the order the events arrived in.
/// </summary>
public sealed class PendingClassification
{
    private CustomerEvent? _cause;

    /// <summary>Whether anything was folded that calls for a classification.</summary>
    public bool IsNeeded { get; private set; }

    /// <summary>The message the changes are attributed to: the latest applied event, or null when none was applied.</summary>
    public string? CausedBy => _cause?.MessageId;

    /// <summary>An event was applied to the profile.</summary>
    public void Applied(CustomerEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        IsNeeded = true;
        if (_cause is null || e.Timestamp > _cause.Timestamp ||
            (e.Timestamp == _cause.Timestamp && string.CompareOrdinal(e.MessageId, _cause.MessageId) > 0)) _cause = e;
    }

    /// <summary>The profile changed other than by an event (a merge), or its classes must be brought up to date.</summary>
    public void Requested() => IsNeeded = true;

    /// <summary>Classifies <paramref name="profile"/> once if needed and returns its class changes; then starts afresh.</summary>
    public IReadOnlyList<ClassChange> Reclassify(CustomerProfile profile, ProfileClassifier classifier, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!IsNeeded) return [];
        var changes = profile.Reclassify(classifier, now, CausedBy);
        IsNeeded = false;
        _cause = null;
        return changes;
    }
}
