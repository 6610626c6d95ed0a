namespace BrandFlow.Policy.Catalog;

/// <summary>A bilingual label: Chinese first, English second.</summary>
public sealed record Text(string Zh, string En)
{
    /// <summary>Renders "中文 / English".</summary>
    public override string ToString() => $"{Zh} / {En}";
}

/// <summary>Government level of a recognition or award (国际/国家/省/市/县), plus the two standard-only tiers.</summary>
public static class Levels
{
    /// <summary>Levels from lowest to highest rank; the index is the rank used by upgrade (补足差额) rules.</summary>
    public static readonly IReadOnlyList<string> Ordered =
        ["none", "group", "county", "municipal", "industry", "provincial", "national", "international"];

    /// <summary>Whether a level name is known.</summary>
    public static bool IsKnown(string level) => Ordered.Contains(level);

    /// <summary>Rank of a level: higher means a higher recognition.</summary>
    public static int Rank(string level) => Ordered.ToList().IndexOf(level);

    /// <summary>Bilingual name of a level.</summary>
    public static Text Name(string level) => level switch
    {
        "international" => new("国际级", "international"),
        "national" => new("国家级", "national"),
        "provincial" => new("省级", "provincial"),
        "industry" => new("行业级", "industry"),
        "municipal" => new("市级", "municipal"),
        "county" => new("县级", "county"),
        "group" => new("团体级", "group"),
        _ => new("不分级", "no level"),
    };
}

/// <summary>An achievement kind an applicant can claim (e.g. patent.invention.granted), with the levels it comes in.</summary>
public sealed record AchievementKind(string Id, string Category, Text Name, IReadOnlyList<string> Levels, IReadOnlyList<string> Grades);

/// <summary>The closed vocabularies a catalog and an evaluation request may use.</summary>
public sealed record Vocabulary(
    IReadOnlyDictionary<string, Text> Categories,
    IReadOnlyDictionary<string, Text> ApplicantKinds,
    IReadOnlyDictionary<string, Text> Affiliations,
    IReadOnlyDictionary<string, Text> EvidenceTypes,
    IReadOnlyDictionary<string, AchievementKind> AchievementKinds);
