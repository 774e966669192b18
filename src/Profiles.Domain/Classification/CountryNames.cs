namespace Profiles.Domain.Classification;

/// <summary>
/// Country names and ISO 3166-1 alpha-3 codes of common countries mapped to their alpha-2 code. Not exhaustive:
/// any two-letter value is taken as an alpha-2 code, and <see cref="DemographicsOptions.CountryAliases"/> adds names.
/// </summary>
internal static class CountryNames
{
    // alpha-2 | alpha-3 | names (English first, then common local or short forms)
    private static readonly string[] Table =
    [
        "AE|ARE|United Arab Emirates|UAE", "AR|ARG|Argentina", "AT|AUT|Austria|Österreich|Oesterreich", "AU|AUS|Australia",
        "BE|BEL|Belgium|België|Belgique|Belgien", "BG|BGR|Bulgaria", "BR|BRA|Brazil|Brasil", "CA|CAN|Canada",
        "CH|CHE|Switzerland|Schweiz|Suisse|Svizzera", "CL|CHL|Chile", "CN|CHN|China|People's Republic of China", "CO|COL|Colombia",
        "CY|CYP|Cyprus", "CZ|CZE|Czechia|Czech Republic|Česko", "DE|DEU|Germany|Deutschland", "DK|DNK|Denmark|Danmark",
        "EE|EST|Estonia|Eesti", "EG|EGY|Egypt", "ES|ESP|Spain|España|Espana", "FI|FIN|Finland|Suomi", "FR|FRA|France",
        "GB|GBR|United Kingdom|UK|Great Britain|Britain|England|Scotland|Wales|Northern Ireland", "GR|GRC|Greece|Hellas",
        "HK|HKG|Hong Kong", "HR|HRV|Croatia|Hrvatska", "HU|HUN|Hungary|Magyarország", "ID|IDN|Indonesia", "IE|IRL|Ireland|Éire",
        "IL|ISR|Israel", "IN|IND|India", "IS|ISL|Iceland|Ísland", "IT|ITA|Italy|Italia", "JP|JPN|Japan|Nippon", "KE|KEN|Kenya",
        "KR|KOR|South Korea|Korea|Republic of Korea", "LT|LTU|Lithuania|Lietuva", "LU|LUX|Luxembourg", "LV|LVA|Latvia|Latvija",
        "MA|MAR|Morocco", "MT|MLT|Malta", "MX|MEX|Mexico|México", "MY|MYS|Malaysia", "NG|NGA|Nigeria",
        "NL|NLD|Netherlands|The Netherlands|Holland|Nederland", "NO|NOR|Norway|Norge", "NZ|NZL|New Zealand|Aotearoa",
        "PE|PER|Peru|Perú", "PH|PHL|Philippines", "PK|PAK|Pakistan", "PL|POL|Poland|Polska", "PT|PRT|Portugal",
        "RO|ROU|Romania|România", "RS|SRB|Serbia|Srbija", "RU|RUS|Russia|Russian Federation", "SA|SAU|Saudi Arabia",
        "SE|SWE|Sweden|Sverige", "SG|SGP|Singapore", "SI|SVN|Slovenia|Slovenija", "SK|SVK|Slovakia|Slovensko", "TH|THA|Thailand",
        "TR|TUR|Türkiye|Turkey|Turkiye", "TW|TWN|Taiwan", "UA|UKR|Ukraine|Україна", "US|USA|United States|United States of America|America|U.S.|U.S.A.",
        "VN|VNM|Vietnam|Viet Nam", "ZA|ZAF|South Africa",
    ];

    private static readonly Dictionary<string, string> ByName = Build();

    /// <summary>The alpha-2 code of a known name or alpha-3 code (any case), or null.</summary>
    public static string? Lookup(string name) => ByName.GetValueOrDefault(name);

    private static Dictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in Table)
        {
            var parts = row.Split('|');
            foreach (var alias in parts.Skip(1)) map[alias] = parts[0];
        }
        return map;
    }
}
