using Profiles.Abstractions.Grains;
using Profiles.Abstractions.Views;

namespace Profiles.Grains.Identities;

/// <summary>
/// The single writer of one identity's resolution. Not reentrant: two merges racing for the same anonymous id run one
/// after the other, so the first claim wins deterministically and the second finds it (and only re-checks the merge).
/// </summary>
public sealed class IdentityGrain(
    [PersistentState("identity", StorageNames.Profiles)] IPersistentState<IdentityRecord> state) : Grain, IIdentityGrain
{
    public Task<string?> ResolveAsync() => Task.FromResult(state.State.CustomerId);

    public async Task<string> LinkAsync(string customerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        var identity = this.GetPrimaryKeyString();
        if (string.Equals(identity, customerId, StringComparison.Ordinal)) return state.State.CustomerId ?? identity;

        var record = state.State;
        // An alias back to an identity that already resolved to this one would make the two forward to each other.
        if (record.CustomerId is null &&
            string.Equals(await GrainFactory.GetGrain<IIdentityGrain>(customerId).ResolveAsync(), identity, StringComparison.Ordinal))
        {
            return identity;
        }
        if (record.CustomerId is null)
        {
            record.CustomerId = customerId;
            await state.WriteStateAsync();
        }

        if (!record.Merged)
        {
            // Stored before the hand-over: a failure after the claim is finished by the next call (the client's retry).
            await GrainFactory.GetGrain<ICustomerGrain>(identity).MergeIntoAsync(record.CustomerId);
            record.Merged = true;
            await state.WriteStateAsync();
        }
        return record.CustomerId;
    }

    public Task<IdentityRecordView> GetRecordAsync() =>
        Task.FromResult(new IdentityRecordView(this.GetPrimaryKeyString(), state.State.CustomerId, state.State.Merged));

    public async Task ForgetAsync(string customerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        if (!string.Equals(state.State.CustomerId, customerId, StringComparison.Ordinal)) return;
        // The row is deleted (Azure Tables: DeleteStateOnClear), not left empty: nothing of the link remains.
        await state.ClearStateAsync();
    }
}
