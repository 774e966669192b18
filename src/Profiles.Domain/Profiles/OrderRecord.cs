namespace Profiles.Domain.Profiles;

/// <summary>
/// What a customer's profile knows of one order, folded from its completion, refunds and cancellation in any
/// arrival order. A refund may arrive before the completion it refunds.
/// </summary>
[GenerateSerializer]
public sealed class OrderRecord
{
    /// <summary>When the order completed; null while only a refund or cancellation has been seen.</summary>
    [Id(0)] public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Revenue in the base currency.</summary>
    [Id(1)] public decimal Revenue { get; set; }

    /// <summary>The message that set the completion; of two completions of one order the later (then greater id) wins.</summary>
    [Id(2)] public string? CompletionMessageId { get; set; }

    /// <summary>Sum of partial refunds, in the base currency.</summary>
    [Id(3)] public decimal Refunded { get; set; }

    [Id(4)] public bool FullyRefunded { get; set; }

    [Id(5)] public bool Cancelled { get; set; }

    /// <summary>Whether the order counts towards frequency and recency: completed and not cancelled.</summary>
    public bool Counts => CompletedAt is not null && !Cancelled;

    /// <summary>Revenue net of refunds and cancellation, never below zero.</summary>
    public decimal NetRevenue => !Counts || FullyRefunded ? 0m : Math.Max(0m, Revenue - Refunded);
}
