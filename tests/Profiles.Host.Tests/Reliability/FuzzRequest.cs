using System.Net.Http.Headers;

namespace Profiles.Host.Tests.Reliability;

/// <summary>
/// One generated request and what the test knows about it: which events in it carry a mutation that must be rejected
/// (<see cref="MustReject"/>) and which are valid orders of control customers that must be kept (<see cref="Controls"/>).
/// </summary>
public sealed record FuzzRequest(string Description, HttpMethod Method, string Path, byte[]? Body)
{
    public string? ContentType { get; init; } = "application/json";

    public string? ContentEncoding { get; init; }

    /// <summary>The Authorization header when <see cref="OwnCredentials"/>; otherwise the write key in HTTP Basic on ingest paths.</summary>
    public AuthenticationHeaderValue? Authorization { get; init; }

    /// <summary>Whether <see cref="Authorization"/> is sent as it is (null: none) rather than the path's usual credential.</summary>
    public bool OwnCredentials { get; init; }

    /// <summary>A Segment batch (events by index) or a single call (its one event is index 0); null for anything else.</summary>
    public bool? IsBatch { get; init; }

    /// <summary>Indexes of events whose mutation makes them invalid by the documented rules, with the mutation.</summary>
    public IReadOnlyDictionary<int, string> MustReject { get; init; } = new Dictionary<int, string>();

    /// <summary>Indexes of valid control orders: customer id and revenue.</summary>
    public IReadOnlyDictionary<int, (string Customer, decimal Revenue)> Controls { get; init; } = new Dictionary<int, (string, decimal)>();

    /// <summary>Whether the answer must be a problem-details body when it is an error (false for SignalR's own transport answers).</summary>
    public bool ProblemBodyExpected { get; init; } = true;

    /// <summary>The status the request must get, when the rules fix it.</summary>
    public int? ExpectedStatus { get; init; }

    public override string ToString() => $"{Method} {(Path.Length > 160 ? Path[..160] + "…" : Path)} [{Description}]";
}
