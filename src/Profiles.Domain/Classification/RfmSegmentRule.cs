namespace Profiles.Domain.Classification;

/// <summary>
/// One row of an RFM segment map: a segment name and inclusive score ranges. Rules are tried in order and the first
/// match wins.
/// </summary>
public sealed class RfmSegmentRule
{
    public string Name { get; set; } = "";
    public int RMin { get; set; } = 1;
    public int RMax { get; set; } = 5;
    public int FMin { get; set; } = 1;
    public int FMax { get; set; } = 5;
    public int MMin { get; set; } = 1;
    public int MMax { get; set; } = 5;

    public bool Matches(int r, int f, int m) =>
        r >= RMin && r <= RMax && f >= FMin && f <= FMax && m >= MMin && m <= MMax;

    /// <summary>"R 4–5, F 4–5" (M omitted when it admits every score).</summary>
    public string Describe()
    {
        var parts = new List<string> { Range("R", RMin, RMax), Range("F", FMin, FMax) };
        if (MMin > 1 || MMax < 5) parts.Add(Range("M", MMin, MMax));
        return string.Join(", ", parts);
    }

    internal static RfmSegmentRule Of(string name, int rMin, int rMax, int fMin, int fMax, int mMin = 1, int mMax = 5) =>
        new() { Name = name, RMin = rMin, RMax = rMax, FMin = fMin, FMax = fMax, MMin = mMin, MMax = mMax };

    private static string Range(string letter, int min, int max) => min == max ? $"{letter} {min}" : $"{letter} {min}–{max}";
}
