using Profiles.Abstractions.Grains;
using Profiles.Abstractions.Views;

namespace Profiles.Grains.IdentityClaims;

/// <summary>
/// The single writer of one identity's resolution. Claims form chains (a visitor merged into a user who was later aliased
/// to the customer) that must never close into a circle, or the profiles would forward to each other for ever. So a link
/// reads the target's chain to its root (the identity at its end, claimed by nobody), refuses when that root is the
/// identity itself, and stores the claim while holding both the identity and the root: the two grains are taken in
/// ordinal order (the lesser calls the greater), so links racing in opposite directions queue instead of waiting for each
/// other, and the root cannot be claimed away under the claim. The first claim wins and never changes — unless the
/// identity's own profile refuses the merge it asks for (it is another known customer's, see
/// <see cref="ICustomerGrain.MergeIntoAsync"/>): then the claim is withdrawn at once and never cached by anyone, since the
/// resolver caches a link only once its merge is done.
/// </summary>
public sealed class IdentityGrain(
    [PersistentState("identity", StorageNames.Profiles)] IPersistentState<IdentityRecord> state) : Grain, IIdentityGrain
{
    /// <summary>Claims a chain may hold; more means the stored claims are damaged.</summary>
    private const int MaxChainLength = 256;

    /// <summary>Times a link reads the chain again because its root was claimed meanwhile (each time, some link won).</summary>
    private const int MaxAttempts = 32;

    private string Key => this.GetPrimaryKeyString();

    public Task<string?> ResolveAsync() => Task.FromResult(state.State.CustomerId);

    public async Task<string> LinkAsync(string customerId, LinkKind kind = LinkKind.Anonymous)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        var identity = Key;
        if (string.Equals(identity, customerId, StringComparison.Ordinal)) return state.State.CustomerId ?? identity;

        if (state.State.CustomerId is null && await ClaimForAsync(identity, customerId, kind) is null) return identity;
        // Stored before the merge: a failure after the claim is finished by the next call (the client's retry).
        return await GrainFactory.GetGrain<IIdentityGrain>(identity).MergeProfileAsync() ?? identity;
    }

    public async Task<string?> ClaimAsync(IdentityClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var self = Key;
        var isIdentity = string.Equals(self, claim.Identity, StringComparison.Ordinal);
        var isRoot = string.Equals(self, claim.Root, StringComparison.Ordinal);
        if (isIdentity == isRoot) throw new ArgumentException($"Identity '{self}' is not one side of the claim {claim}.", nameof(claim));

        // First claim wins; a root that was claimed meanwhile sends the link back to read its chain again.
        if (isIdentity && state.State.CustomerId is { } won) return won;
        if (isRoot && state.State.CustomerId is not null) return null;

        var other = isIdentity ? claim.Root : claim.Identity;
        if (string.CompareOrdinal(self, other) < 0)
        {
            // The lesser holds itself (this turn) while the greater checks its side and stores the claim.
            return await GrainFactory.GetGrain<IIdentityGrain>(other).ClaimAsync(claim);
        }

        // The greater: both are held and both sides checked.
        if (isIdentity) return await StoreClaimAsync(claim.CustomerId, claim.Kind);
        return await GrainFactory.GetGrain<IIdentityGrain>(claim.Identity).CommitClaimAsync(claim.CustomerId, claim.Kind);
    }

    public Task<string> CommitClaimAsync(string customerId, LinkKind kind = LinkKind.Anonymous)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        return StoreClaimAsync(customerId, kind);
    }

    public async Task<string?> MergeProfileAsync()
    {
        var record = state.State;
        if (record.CustomerId is not { } customerId) return null;
        if (!record.Merged)
        {
            var kind = record.Kind ?? LinkKind.Alias;
            var into = await GrainFactory.GetGrain<ICustomerGrain>(Key).MergeIntoAsync(customerId, kind);
            if (!string.Equals(into, customerId, StringComparison.Ordinal))
            {
                // Refused by the identity's own profile (another known customer's): the claim is withdrawn, so the identity
                // stays its own, and the customer it was linked to shows the refused link.
                await state.ClearStateAsync();
                await GrainFactory.GetGrain<ICustomerGrain>(customerId).RecordRefusedLinkAsync(Key);
                return null;
            }
            record.Merged = true;
            await state.WriteStateAsync();
        }
        return customerId;
    }

    public Task<IdentityRecordView> GetRecordAsync() =>
        Task.FromResult(new IdentityRecordView(Key, state.State.CustomerId, state.State.Merged));

    public async Task ForgetAsync(string customerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        if (!string.Equals(state.State.CustomerId, customerId, StringComparison.Ordinal)) return;
        // The row is deleted (Azure Tables: DeleteStateOnClear), not left empty: nothing of the link remains.
        await state.ClearStateAsync();
    }

    /// <summary>Claims <paramref name="identity"/> for <paramref name="customerId"/>; the winner, or null when refused as a circle.</summary>
    private async Task<string?> ClaimForAsync(string identity, string customerId, LinkKind kind)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var root = await RootOfAsync(customerId);
            // The customer already resolves to this identity: the claim would close a circle.
            if (string.Equals(root, identity, StringComparison.Ordinal)) return null;
            var lesser = string.CompareOrdinal(identity, root) < 0 ? identity : root;
            if (await GrainFactory.GetGrain<IIdentityGrain>(lesser).ClaimAsync(new IdentityClaim(identity, customerId, root, kind)) is { } winner)
                return winner;
        }
        throw new InvalidOperationException(
            $"Identity '{identity}' could not be linked to '{customerId}': its chain kept changing ({MaxAttempts} attempts). Retry the request.");
    }

    /// <summary>The identity at the end of <paramref name="customerId"/>'s chain of claims (read without holding anything).</summary>
    private async Task<string> RootOfAsync(string customerId)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var current = customerId;
        while (await GrainFactory.GetGrain<IIdentityGrain>(current).ResolveAsync() is { } next)
        {
            if (!seen.Add(current) || seen.Count > MaxChainLength)
                throw new InvalidOperationException($"The claims from '{customerId}' do not end (at '{current}'): the stored identities are damaged.");
            current = next;
        }
        return current;
    }

    private async Task<string> StoreClaimAsync(string customerId, LinkKind kind)
    {
        var record = state.State;
        if (record.CustomerId is { } won) return won;
        record.CustomerId = customerId;
        record.Kind = kind;
        await state.WriteStateAsync();
        return customerId;
    }
}
