using Profiles.Abstractions.Grains;
using Profiles.Abstractions.Views;

namespace Profiles.Grains.Identities;

/// <inheritdoc cref="IEmailDirectoryGrain" />
public sealed class EmailDirectoryGrain([PersistentState("email", StorageNames.Profiles)] IPersistentState<EmailDirectoryState> state)
    : Grain, IEmailDirectoryGrain
{
    public async Task RecordAsync(string customerId, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        var current = state.State;
        var later = current.CustomerId is null || at > current.At || (at == current.At && string.CompareOrdinal(customerId, current.CustomerId) > 0);
        if (!later || current.CustomerId == customerId && current.At == at) return;
        state.State = new EmailDirectoryState { CustomerId = customerId, At = at };
        await state.WriteStateAsync();
    }

    public Task<string?> FindAsync() => Task.FromResult(state.State.CustomerId);

    public Task<EmailEntryView?> GetEntryAsync() =>
        Task.FromResult(state.State.CustomerId is { } owner ? new EmailEntryView(this.GetPrimaryKeyString(), owner, state.State.At) : null);

    public async Task ForgetAsync(string customerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        // Another customer who sent the address later keeps it.
        if (!string.Equals(state.State.CustomerId, customerId, StringComparison.Ordinal)) return;
        await state.ClearStateAsync();
    }

    /// <summary>The directory key of an address: trimmed, lower case; null when it does not look like one.</summary>
    public static string? KeyOf(string? email)
    {
        var trimmed = email?.Trim();
        return trimmed is { Length: > 2 and <= 320 } && trimmed.Contains('@', StringComparison.Ordinal) ? trimmed.ToLowerInvariant() : null;
    }
}
