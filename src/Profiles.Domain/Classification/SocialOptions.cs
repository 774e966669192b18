namespace Profiles.Domain.Classification;

/// <summary>Settings under <c>Profiles:Social</c>: the social role from shares, comments and referrals.</summary>
public sealed class SocialOptions
{
    /// <summary>Referrals from which a customer is an influencer (default 3).</summary>
    public int InfluencerReferralsFrom { get; set; } = 3;

    /// <summary>Shares from which a customer is an influencer (default 10).</summary>
    public int InfluencerSharesFrom { get; set; } = 10;

    /// <summary>Social actions (shares + comments + referrals) from which a customer is active rather than a lurker (default 1).</summary>
    public int ActiveFrom { get; set; } = 1;
}
