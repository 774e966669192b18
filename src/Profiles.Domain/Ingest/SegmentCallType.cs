namespace Profiles.Domain.Ingest;

/// <summary>The calls of the Segment tracking convention.</summary>
public enum SegmentCallType
{
    Identify = 0,
    Track = 1,
    Page = 2,
    Screen = 3,
    Alias = 4,
    Group = 5,
}
