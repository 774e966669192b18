using System.Globalization;
using Profiles.Domain.Profiles;

namespace Profiles.Domain.Classification;

/// <summary>
/// Demographic age band. The age comes from the birthday trait (completed years at the moment of classification) or,
/// failing that, from the age trait aged by the whole years since it was sent. Bands come from ascending lower bounds:
/// with the default 18, 25, 35, 45, 55, 65 they are under-18, 18-24, 25-34, 35-44, 45-54, 55-64 and 65+.
/// No usable trait, or an age outside 0…<see cref="DemographicsOptions.MaxAge"/>, is <c>unknown</c>.
/// </summary>
public static class AgeBandClassifier
{
    public const string Unknown = "unknown";

    /// <summary>The customer's age at <paramref name="now"/> and where it comes from; null when no trait gives one.</summary>
    public static (int? Age, string Source) Age(IReadOnlyDictionary<string, Stamped<string>> traits, DateTimeOffset now, DemographicsOptions options)
    {
        ArgumentNullException.ThrowIfNull(traits);
        ArgumentNullException.ThrowIfNull(options);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (traits.TryGetValue(options.BirthdayTrait, out var birthday) && ParseDate(birthday.Value) is { } born)
        {
            var age = born > today ? -1 : CompletedYears(born, today);
            return (age, $"{options.BirthdayTrait} {born:yyyy-MM-dd}");
        }
        if (traits.TryGetValue(options.AgeTrait, out var stated) &&
            decimal.TryParse(stated.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var years) &&
            years is > -1000 and < 1000)
        {
            var sent = DateOnly.FromDateTime(stated.At.UtcDateTime);
            var since = sent >= today ? 0 : CompletedYears(sent, today);
            var age = (int)Math.Floor(years) + since;
            var aged = since == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" {since} year{(since == 1 ? "" : "s")} ago");
            return (age, string.Create(CultureInfo.InvariantCulture, $"{options.AgeTrait} {Math.Floor(years)}{aged}"));
        }
        return (null, "");
    }

    public static ClassAssignment Classify(IReadOnlyDictionary<string, Stamped<string>> traits, DateTimeOffset now, DemographicsOptions options, bool explain = true)
    {
        var (age, source) = Age(traits, now, options);
        if (age is not { } years)
            return Assign(Unknown, !explain ? "" : $"no usable {options.BirthdayTrait} or {options.AgeTrait} trait");
        if (years < 0 || years > options.MaxAge)
            return Assign(Unknown, !explain ? "" : string.Create(CultureInfo.InvariantCulture, $"age {years} from {source} is not plausible (0–{options.MaxAge})"));
        return Assign(Band(years, options.EffectiveAgeBands), !explain ? "" : string.Create(CultureInfo.InvariantCulture, $"age {years} from {source}"));
    }

    /// <summary>The band of <paramref name="age"/> between ascending lower <paramref name="bounds"/>.</summary>
    public static string Band(int age, IReadOnlyList<int> bounds)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        if (bounds.Count == 0 || age < bounds[0]) return bounds.Count == 0 ? Unknown : $"under-{bounds[0]}";
        for (var i = 0; i < bounds.Count - 1; i++)
        {
            if (age < bounds[i + 1]) return string.Create(CultureInfo.InvariantCulture, $"{bounds[i]}-{bounds[i + 1] - 1}");
        }
        return string.Create(CultureInfo.InvariantCulture, $"{bounds[^1]}+");
    }

    internal static DateOnly? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && text.Length >= 10 && text[4] == '-')
            return DateOnly.FromDateTime(at.UtcDateTime);
        return null;
    }

    private static int CompletedYears(DateOnly from, DateOnly to)
    {
        var years = to.Year - from.Year;
        if (to.Month < from.Month || (to.Month == from.Month && to.Day < from.Day)) years--;
        return years;
    }

    private static ClassAssignment Assign(string value, string reason) => new(Dimensions.AgeBand, value, reason);
}
