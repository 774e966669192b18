using System.Collections.Immutable;
using Profiles.Abstractions.Grains;
using Profiles.Abstractions.Views;

namespace Profiles.Grains.IdentityClaims;

/// <inheritdoc cref="IEmailDirectoryGrain" />
public sealed class EmailDirectoryGrain([PersistentState("email", StorageNames.Profiles)] IPersistentState<EmailDirectoryState> state)
    : Grain, IEmailDirectoryGrain
{
    /// <summary>
    /// The most customers one address keeps (16): beyond, the claim with the oldest event time is dropped. A write key
    /// holder can claim any address, so a lookup by an address with several claims answers all of them (409), never one.
    /// </summary>
    public const int MaxClaims = 16;

    public async Task RecordAsync(string customerId, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        if (Claims().TryGetValue(customerId, out var since) && since >= at) return;
        var claims = new Dictionary<string, DateTimeOffset>(Claims(), StringComparer.Ordinal) { [customerId] = at };
        while (claims.Count > MaxClaims)
        {
            var oldest = claims.OrderBy(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key;
            claims.Remove(oldest);
        }
        await WriteAsync(claims);
    }

    public Task<ImmutableArray<EmailEntryView>> GetClaimsAsync()
    {
        var address = this.GetPrimaryKeyString();
        return Task.FromResult(Claims()
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new EmailEntryView(address, c.Key, c.Value))
            .ToImmutableArray());
    }

    public async Task ForgetAsync(string customerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        if (!Claims().ContainsKey(customerId)) return;
        var claims = new Dictionary<string, DateTimeOffset>(Claims(), StringComparer.Ordinal);
        claims.Remove(customerId);
        if (claims.Count == 0) await state.ClearStateAsync();
        else await WriteAsync(claims);
    }

    private Dictionary<string, DateTimeOffset> Claims()
    {
        var current = state.State;
        if (current.Claims is null)
        {
            current.Claims = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            if (current.CustomerId is { } owner) current.Claims[owner] = current.At;
        }
        return current.Claims;
    }

    /// <summary>
    /// Stores <paramref name="claims"/> (a copy: the claims in force change only once stored). A failed write leaves the
    /// claims as they were, so the customer's retry of the same event writes again instead of finding its claim "kept".
    /// </summary>
    private async Task WriteAsync(Dictionary<string, DateTimeOffset> claims)
    {
        var previous = state.State;
        state.State = new EmailDirectoryState { Claims = claims };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }

    /// <summary>The directory key of an address: trimmed, lower case; null when it does not look like one.</summary>
    public static string? KeyOf(string? email)
    {
        var trimmed = email?.Trim();
        return trimmed is { Length: > 2 and <= 320 } && trimmed.Contains('@', StringComparison.Ordinal) ? trimmed.ToLowerInvariant() : null;
    }
}
