namespace Profiles.Domain.Classification;

/// <summary>Settings under <c>Profiles:Demographics</c>: geography and age bands from identify traits.</summary>
public sealed class DemographicsOptions
{
    /// <summary>The default trait keys tried, in order, for the country.</summary>
    public static IReadOnlyList<string> DefaultCountryTraits { get; } =
        ["address.country", "address.country_code", "address.countryCode", "country", "country_code", "countryCode", "location.country"];

    /// <summary>The default lower bounds of the age bands: under-18, 18-24, 25-34, 35-44, 45-54, 55-64, 65+.</summary>
    public static IReadOnlyList<int> DefaultAgeBands { get; } = [18, 25, 35, 45, 55, 65];

    /// <summary>Trait keys tried in order for the country; the first present wins. Default <see cref="DefaultCountryTraits"/>.</summary>
    public string[]? CountryTraits { get; set; }

    /// <summary>More country names (upper or lower case) mapped to the value to show, e.g. <c>"Bavaria": "DE"</c>.</summary>
    public Dictionary<string, string> CountryAliases { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The trait holding the age in years, as of when it was sent (default <c>age</c>).</summary>
    public string AgeTrait { get; set; } = "age";

    /// <summary>The trait holding the date of birth, <c>yyyy-MM-dd</c> or an ISO 8601 date-time (default <c>birthday</c>); it wins over the age.</summary>
    public string BirthdayTrait { get; set; } = "birthday";

    /// <summary>Ascending lower bounds of the age bands. Default <see cref="DefaultAgeBands"/>.</summary>
    public int[]? AgeBands { get; set; }

    /// <summary>An age above this is not believed: the band is unknown (default 120).</summary>
    public int MaxAge { get; set; } = 120;

    public IReadOnlyList<string> EffectiveCountryTraits => CountryTraits is { Length: > 0 } keys ? keys : DefaultCountryTraits;

    public IReadOnlyList<int> EffectiveAgeBands => AgeBands is { Length: > 0 } bands ? bands : DefaultAgeBands;
}
