using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Profiles.Host.Tests.Audiences;

/// <summary>The member listing and segment API as a client calls it.</summary>
public static class AudienceCalls
{
    public static string MembersPath(string dimension, string value, string? query = null) =>
        $"/api/audiences/{Uri.EscapeDataString(dimension)}/{Uri.EscapeDataString(value)}/members" + (query is null ? "" : "?" + query);

    /// <summary>One page as JSON; fails unless 200.</summary>
    public static async Task<JsonObject> PageAsync(this HttpClient client, string dimension, string value, string? query = null)
    {
        using var response = await client.GetAsync(new Uri(MembersPath(dimension, value, query), UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{MembersPath(dimension, value, query)}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>
    /// Every member, page by page following <c>next</c>; <paramref name="strict"/>: fails on a repeated id or a page not full
    /// before the last (which a listing of customers that are moving may show).
    /// </summary>
    public static async Task<(List<string> Ids, long Count)> AllPagesAsync(
        this HttpClient client, string dimension, string value, int limit, string? and = null, bool strict = true)
    {
        var ids = new List<string>();
        string? cursor = null;
        long count = -1;
        do
        {
            var query = $"limit={limit}" + (and is null ? "" : "&" + and) + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await client.PageAsync(dimension, value, query);
            var members = page["members"]!.AsArray().Select(m => (string)m!["customerId"]!).ToList();
            if (count < 0) count = (long)page["count"]!;
            cursor = (string?)page["next"];
            if (strict) Assert.True(members.Count == limit || cursor is null, $"a page of {members.Count} of {limit} that is not the last");
            ids.AddRange(members);
        }
        while (cursor is not null);
        if (strict) Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        return (ids, count);
    }

    /// <summary>The whole audience as NDJSON, one object per line.</summary>
    public static async Task<List<JsonObject>> ExportNdjsonAsync(this HttpClient client, string dimension, string value, string? query = null)
    {
        using var response = await client.GetAsync(new Uri(MembersPath(dimension, value, "format=ndjson" + (query is null ? "" : "&" + query)), UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject())];
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, failing with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(50);
        }
    }

    public static async Task<JsonObject> StatsAsync(this HttpClient ops) =>
        (await ops.GetFromJsonAsync<JsonObject>(new Uri("/api/stats/classes", UriKind.Relative)))!;
}
