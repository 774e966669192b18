using Profiles.Domain.Profiles;

namespace Profiles.Domain.Classification;

/// <summary>Social role: influencer (many referrals or shares), active (some social action) or lurker (none).</summary>
public static class SocialClassifier
{
    public const string Influencer = "influencer";
    public const string Active = "active";
    public const string Lurker = "lurker";

    public static ClassAssignment Classify(EngagementFacts facts, SocialOptions options, bool explain = true)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(options);
        var figures = !explain ? "" : $"{facts.Referrals} referral{Plural(facts.Referrals)}, {facts.Shares} share{Plural(facts.Shares)}, {facts.Comments} comment{Plural(facts.Comments)}";
        if (facts.Referrals >= options.InfluencerReferralsFrom || facts.Shares >= options.InfluencerSharesFrom)
            return Assign(Influencer, !explain ? "" : $"{figures} (influencer from {options.InfluencerReferralsFrom} referrals or {options.InfluencerSharesFrom} shares)");
        var actions = facts.Referrals + facts.Shares + facts.Comments;
        if (actions >= options.ActiveFrom)
            return Assign(Active, !explain ? "" : $"{figures} (active from {options.ActiveFrom} social action{Plural(options.ActiveFrom)})");
        return Assign(Lurker, !explain ? "" : $"{figures} (active from {options.ActiveFrom} social action{Plural(options.ActiveFrom)})");
    }

    private static string Plural(int n) => n == 1 ? "" : "s";

    private static ClassAssignment Assign(string value, string reason) => new(Dimensions.SocialRole, value, reason);
}
