namespace Profiles.Domain.Events;

/// <summary>A survey answer: CSAT on 1–5 and/or NPS on 0–10 (at least one is present).</summary>
[GenerateSerializer, Immutable]
public sealed record SurveyResponded : CustomerEvent
{
    [Id(0)] public int? Csat { get; init; }
    [Id(1)] public int? Nps { get; init; }

    public override string Kind => "Survey Responded";

    public override string Describe() => (Csat, Nps) switch
    {
        ({ } c, { } n) => $"survey: CSAT {c}, NPS {n}",
        ({ } c, null) => $"survey: CSAT {c}",
        (null, { } n) => $"survey: NPS {n}",
        _ => "survey",
    };
}
