namespace Profiles.Import;

/// <summary>The kinds of input file.</summary>
public enum InputFormat
{
    Csv,
    Ndjson,
}
