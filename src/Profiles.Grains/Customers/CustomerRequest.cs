using System.Collections.Immutable;
using Profiles.Abstractions.Grains;
using Profiles.Domain.Events;

namespace Profiles.Grains.Customers;

/// <summary>
/// The closed set of what a customer grain is asked to do, queued and handled in one place (its drain loop): fold events,
/// bring the classes up to date with the clock, merge the profile into another customer, merge another's into it, erase.
/// Each carries its caller's completion.
/// </summary>
internal abstract record CustomerRequest
{
    public TaskCompletionSource<ApplyResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ApplyResult Result { get; set; } = ApplyResult.None;

    /// <summary>Set when the profile was merged away: the request goes on to that customer.</summary>
    public string? ForwardTo { get; set; }

    /// <summary>Whether it runs alone, between writes (an erasure).</summary>
    public virtual bool RunsAlone => false;

    /// <summary>Fold these events (<see cref="ICustomerGrain.ApplyAsync"/>), sent for this id as a user id or not.</summary>
    public sealed record Apply(ImmutableArray<CustomerEvent> Events, bool ByUserId = false) : CustomerRequest;

    /// <summary>Reclassify at the current time (a wake-up, a read, an export).</summary>
    public sealed record Refresh : CustomerRequest;

    /// <summary>Merge this profile into that customer (<see cref="ICustomerGrain.MergeIntoAsync"/>), unless refused.</summary>
    public sealed record MergeInto(string Target, LinkKind Kind) : CustomerRequest;

    /// <summary>Record a refused link (<see cref="ICustomerGrain.RecordRefusedLinkAsync"/>).</summary>
    public sealed record RefuseLink(string Identity) : CustomerRequest;

    /// <summary>
    /// Take this profile back from the customer its anonymous visitor was merged into, for the user of the same id: the
    /// merged-away profile is merged there once more (merged once whatever happens) and deleted, and the profile starts
    /// afresh.
    /// </summary>
    public sealed record TakeBack : CustomerRequest
    {
        public override bool RunsAlone => true;
    }

    /// <summary>Merge another customer's profile into this one (<see cref="ICustomerGrain.MergeFromAsync"/>).</summary>
    public sealed record MergeFrom(MergedProfile Source) : CustomerRequest;

    /// <summary>Erase the customer (GDPR).</summary>
    public sealed record Erase : CustomerRequest
    {
        public override bool RunsAlone => true;

        /// <summary>What the erasure removed; null when nothing was stored.</summary>
        public ErasedCustomer? Erased { get; set; }
    }

    /// <summary>Erase this merged-away profile, if it was merged into that customer (which is being erased).</summary>
    public sealed record EraseMergedAway(string MergedInto) : CustomerRequest
    {
        public override bool RunsAlone => true;
    }
}
