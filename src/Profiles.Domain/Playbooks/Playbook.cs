using System.Text.Json;
using System.Text.Json.Nodes;
using Profiles.Domain.Classification;

namespace Profiles.Domain.Playbooks;

/// <summary>
/// The communication playbook: each class (dimension + value) maps to recommended actions with a channel and a
/// priority. Immutable; a reloaded file makes a new playbook. The JSON form is
/// <c>{ "recommendations": [ { "dimension": "lifecycle", "class": "churned", "action": "…", "channel": "email", "priority": 80 } ] }</c>
/// (comments and trailing commas allowed; properties starting with <c>$</c> are ignored).
/// </summary>
public sealed class Playbook
{
    public const int MaxPriority = 100;
    private const int MaxText = 500;

    private static readonly JsonDocumentOptions ReadOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 };

    private readonly Dictionary<(string Dimension, string Class), List<(PlaybookRule Rule, int Index)>> _byClass;

    /// <summary>Validates <paramref name="rules"/>; throws <see cref="PlaybookFormatException"/> naming the bad entry.</summary>
    public Playbook(IEnumerable<PlaybookRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = [.. rules];
        _byClass = [];
        for (var i = 0; i < Rules.Count; i++)
        {
            var rule = Rules[i] ?? throw new PlaybookFormatException($"recommendations[{i}] is missing.");
            Validate(rule, i);
            var key = (rule.Dimension, rule.Class.ToUpperInvariant());
            if (!_byClass.TryGetValue(key, out var list)) _byClass[key] = list = [];
            list.Add((rule, i));
        }
    }

    /// <summary>The playbook with no rules.</summary>
    public static Playbook Empty { get; } = new([]);

    /// <summary>The shipped defaults (also in <c>playbook.json</c> of the host).</summary>
    public static Playbook Default { get; } = new(DefaultRules());

    public IReadOnlyList<PlaybookRule> Rules { get; }

    /// <summary>Reads the JSON form; throws <see cref="PlaybookFormatException"/> saying what is wrong and where.</summary>
    public static Playbook Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: ReadOptions);
        }
        catch (JsonException e)
        {
            throw new PlaybookFormatException($"The playbook is not valid JSON: {e.Message}", e);
        }
        if (root is not JsonObject top) throw new PlaybookFormatException("The playbook must be a JSON object with a \"recommendations\" array.");
        JsonArray? items = null;
        foreach (var (name, value) in top)
        {
            if (name.StartsWith('$')) continue;
            if (!name.Equals("recommendations", StringComparison.OrdinalIgnoreCase))
                throw new PlaybookFormatException($"The playbook has an unknown property \"{name}\"; expected \"recommendations\".");
            items = value as JsonArray ?? throw new PlaybookFormatException("\"recommendations\" must be an array.");
        }
        if (items is null) throw new PlaybookFormatException("The playbook has no \"recommendations\" array.");

        var rules = new List<PlaybookRule>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject item) throw new PlaybookFormatException($"recommendations[{i}] must be an object.");
            string? dimension = null, @class = null, action = null, channel = null;
            int? priority = null;
            foreach (var (name, value) in item)
            {
                if (name.StartsWith('$')) continue;
                switch (name.ToUpperInvariant())
                {
                    case "DIMENSION": dimension = Text(value, i, name); break;
                    case "CLASS": @class = Text(value, i, name); break;
                    case "ACTION": action = Text(value, i, name); break;
                    case "CHANNEL": channel = Text(value, i, name); break;
                    case "PRIORITY": priority = Priority(value, i, name); break;
                    default:
                        throw new PlaybookFormatException(
                            $"recommendations[{i}] has an unknown property \"{name}\"; expected dimension, class, action, channel and priority.");
                }
            }
            rules.Add(new PlaybookRule(
                dimension ?? throw Missing(i, "dimension"),
                @class ?? throw Missing(i, "class"),
                action ?? throw Missing(i, "action"),
                channel ?? throw Missing(i, "channel"),
                priority ?? throw Missing(i, "priority")));
        }
        return new Playbook(rules);
    }

    /// <summary>The JSON form, as <see cref="Parse"/> reads it.</summary>
    public string ToJson()
    {
        var items = new JsonArray();
        foreach (var rule in Rules)
        {
            items.Add(new JsonObject
            {
                ["dimension"] = rule.Dimension,
                ["class"] = rule.Class,
                ["action"] = rule.Action,
                ["channel"] = rule.Channel,
                ["priority"] = rule.Priority,
            });
        }
        var root = new JsonObject { ["recommendations"] = items };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>
    /// The recommendations for a customer in <paramref name="classes"/>: every rule whose dimension and class match, by
    /// priority (highest first), then by dimension (built-in display order, then custom segments by name), then in
    /// playbook order. The reason says which class it is for and why the customer is in it.
    /// </summary>
    public IReadOnlyList<Recommendation> Recommend(IEnumerable<ClassAssignment> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        var found = new List<(Recommendation Recommendation, int DimensionRank, int Index)>();
        foreach (var assignment in classes)
        {
            if (!_byClass.TryGetValue((assignment.Dimension, assignment.Value.ToUpperInvariant()), out var rules)) continue;
            var rank = DimensionRank(assignment.Dimension);
            foreach (var (rule, index) in rules)
            {
                var reason = $"{assignment.Dimension} is {assignment.Value}: {assignment.Reason}";
                found.Add((new Recommendation(assignment.Dimension, assignment.Value, rule.Action, rule.Channel, rule.Priority, reason), rank, index));
            }
        }
        return
        [
            .. found
                .OrderByDescending(f => f.Recommendation.Priority)
                .ThenBy(f => f.DimensionRank)
                .ThenBy(f => f.Recommendation.Dimension, StringComparer.Ordinal)
                .ThenBy(f => f.Index)
                .Select(f => f.Recommendation),
        ];
    }

    private static int DimensionRank(string dimension)
    {
        for (var i = 0; i < Dimensions.All.Count; i++)
        {
            if (Dimensions.All[i] == dimension) return i;
        }
        return Dimensions.All.Count;
    }

    private static void Validate(PlaybookRule rule, int i)
    {
        if (string.IsNullOrWhiteSpace(rule.Dimension)) throw Missing(i, "dimension");
        if (!Dimensions.All.Contains(rule.Dimension) && !Dimensions.IsCustomSegment(rule.Dimension))
            throw new PlaybookFormatException(
                $"recommendations[{i}].dimension \"{rule.Dimension}\" is not a dimension ({string.Join(", ", Dimensions.All)} or segment:<name>).");
        if (string.IsNullOrWhiteSpace(rule.Class)) throw Missing(i, "class");
        if (string.IsNullOrWhiteSpace(rule.Action)) throw Missing(i, "action");
        if (string.IsNullOrWhiteSpace(rule.Channel)) throw Missing(i, "channel");
        if (rule.Class.Length > MaxText || rule.Action.Length > MaxText || rule.Channel.Length > MaxText)
            throw new PlaybookFormatException($"recommendations[{i}] ({rule.Dimension}/{rule.Class}) has a text longer than {MaxText} characters.");
        if (rule.Priority is < 0 or > MaxPriority)
            throw new PlaybookFormatException($"recommendations[{i}].priority ({rule.Dimension}/{rule.Class}) must be a whole number from 0 to {MaxPriority}; it is {rule.Priority}.");
    }

    private static string Text(JsonNode? value, int i, string name) =>
        value is JsonValue v && v.TryGetValue<string>(out var text)
            ? text
            : throw new PlaybookFormatException($"recommendations[{i}].{name} must be a string.");

    private static int Priority(JsonNode? value, int i, string name)
    {
        if (value is JsonValue v && v.TryGetValue<double>(out var number) && number == Math.Floor(number) && number is >= 0 and <= MaxPriority)
            return (int)number;
        throw new PlaybookFormatException($"recommendations[{i}].{name} must be a whole number from 0 to {MaxPriority}; it is {value?.ToJsonString() ?? "null"}.");
    }

    private static PlaybookFormatException Missing(int i, string name) => new($"recommendations[{i}].{name} is required.");

    private static IEnumerable<PlaybookRule> DefaultRules()
    {
        PlaybookRule R(string dimension, string @class, string action, string channel, int priority) => new(dimension, @class, action, channel, priority);
        return
        [
            R(Dimensions.Satisfaction, SatisfactionClassifier.Unsatisfied, "Service-recovery call within 24 h", "phone", 100),
            R(Dimensions.Nps, SatisfactionClassifier.Detractor, "Call to close the loop on the low NPS score and fix the cause", "phone", 90),
            R(Dimensions.Rfm, "cannot-lose-them", "Personal win-back call with an exclusive offer", "phone", 85),
            R(Dimensions.Lifecycle, LifecycleClassifier.Churned, "Survey and win-back offer", "email", 80),
            R(Dimensions.ChurnRisk, "high", "Retention offer before the customer is lost", "email", 78),
            R(Dimensions.Cluster, "lapsed, frequent, high spend", "Personal call: a valuable regular has gone quiet", "phone", 76),
            R(Dimensions.Rfm, "at-risk", "Personalised win-back email with an offer on past favourites", "email", 75),
            R(Dimensions.Rfm, "champions", "Early access and dedicated service", "account-manager", 70),
            R(Dimensions.Value, ValueClassifier.A, "Dedicated account manager and priority support", "account-manager", 70),
            R(Dimensions.Lifecycle, LifecycleClassifier.New, "Onboarding series", "email", 60),
            R(Dimensions.Lifecycle, LifecycleClassifier.Dormant, "Re-engagement offer before the customer churns", "email", 60),
            R(Dimensions.Rfm, "about-to-sleep", "Reconnect with popular products and a limited-time discount", "email", 55),
            R(Dimensions.SocialRole, SocialClassifier.Influencer, "Invite to the ambassador programme", "email", 55),
            R(Dimensions.Rfm, "loyal-customers", "Loyalty rewards and upsell of higher-value products", "email", 50),
            R(Dimensions.Rfm, "need-attention", "Limited-time offer based on past purchases", "email", 50),
            R(Dimensions.Rfm, "potential-loyalists", "Membership or loyalty programme offer", "email", 45),
            R(Dimensions.Rfm, "potential-loyalist", "Membership or loyalty programme offer", "email", 45),
            R(Dimensions.Rfm, "new-customers", "Welcome offer for the second order", "email", 45),
            R(Dimensions.ChurnRisk, "medium", "Check in with recommendations based on past purchases", "email", 40),
            R(Dimensions.Nps, SatisfactionClassifier.Promoter, "Ask for a review and invite to the referral programme", "email", 40),
            R(Dimensions.Lifecycle, LifecycleClassifier.Prospect, "Personalised product recommendations", "email", 40),
            R(Dimensions.Rfm, "promising", "Free trials and brand content to build the habit", "email", 35),
            R(Dimensions.Value, ValueClassifier.B, "Upsell towards the premium range", "email", 35),
            R(Dimensions.Engagement, EngagementClassifier.Inactive, "Re-engagement push with new content", "push", 35),
            R(Dimensions.Lifecycle, LifecycleClassifier.Active, "Offers matched to recent purchases", "email", 30),
            R(Dimensions.Rfm, "hibernating", "Low-cost reactivation campaign with relevant products", "email", 30),
            R(Dimensions.PurchasingPower, ValueClassifier.High, "Premium products and bundles", "email", 30),
            R(Dimensions.Rfm, "lost", "One last reactivation offer, then stop spending on the customer", "email", 25),
            R(Dimensions.SocialRole, SocialClassifier.Active, "Reward reviews and shares", "in-app", 25),
            R(Dimensions.Engagement, EngagementClassifier.High, "Invite to the beta and the community", "in-app", 25),
            R(Dimensions.Nps, SatisfactionClassifier.Passive, "Ask what would make it a 10", "email", 20),
            R(Dimensions.Satisfaction, SatisfactionClassifier.Satisfied, "Ask for a review", "email", 20),
            R(Dimensions.Engagement, EngagementClassifier.Low, "Personalised content nudges", "in-app", 20),
            R(Dimensions.PurchasingPower, ValueClassifier.Low, "Entry-level offers and bundles with a discount", "email", 15),
            R(Dimensions.Geography, GeographyClassifier.Unknown, "Ask for the country to localise offers", "in-app", 10),
        ];
    }
}
