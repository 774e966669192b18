using Profiles.Domain.Classification;
using Profiles.Domain.Conditions;
using Profiles.Domain.Profiles;

namespace Profiles.Domain.Audiences;

/// <summary>
/// The profile fields an audience listing or export can show beside each member: the fields of the condition language
/// (<see cref="ProfileFields"/>: figures, classes, <c>traits.&lt;key&gt;</c>), plus <c>email</c> for the e-mail trait.
/// One vocabulary for defining a custom segment and for reading its members.
/// </summary>
public static class MemberFields
{
    /// <summary>The e-mail address (the <c>email</c> trait), which an ops person sends the campaign to.</summary>
    public const string Email = "email";

    /// <summary>The longest field name accepted.</summary>
    public const int MaxNameLength = 128;

    /// <summary>Whether <paramref name="field"/> names a profile field.</summary>
    public static bool Exists(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field == Email || (field.Length <= MaxNameLength && ProfileFields.KindOf(field) is not null);
    }

    /// <summary>
    /// The values of <paramref name="fields"/> for <paramref name="profile"/> at <paramref name="now"/>, read as a custom
    /// segment's condition reads them; class fields give the classes the profile holds (as of its last classification).
    /// </summary>
    public static FieldValue[] Read(CustomerProfile profile, ProfileClassifier classifier, DateTimeOffset now, IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(fields);
        var orders = classifier.Summarize(profile, now);
        var scores = classifier.Score(orders, now);
        var classes = profile.Classes.Select(c => new ClassAssignment(c.Key, c.Value.Value, "")).ToList();
        var demographics = classifier.Options.Demographics;
        var age = AgeBandClassifier.Age(profile.Traits, now, demographics).Age;
        var source = new ProfileFields(profile, orders, scores, classes, age is >= 0 && age <= demographics.MaxAge ? age : null, now);
        var values = new FieldValue[fields.Count];
        for (var i = 0; i < fields.Count; i++)
            values[i] = source.Get(fields[i] == Email ? "traits." + Email : fields[i]);
        return values;
    }
}
