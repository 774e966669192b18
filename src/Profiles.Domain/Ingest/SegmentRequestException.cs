namespace Profiles.Domain.Ingest;

/// <summary>The request as a whole cannot be read (malformed JSON, wrong shape, too many events).</summary>
public sealed class SegmentRequestException : Exception
{
    public SegmentRequestException(string message) : base(message) { }

    public SegmentRequestException(string message, Exception inner) : base(message, inner) { }

    public SegmentRequestException() { }
}
