namespace BrandFlow.Policy.Loading;

#pragma warning disable CA1002, CA2227 // YAML data-transfer objects: mutable lists are what the deserializer fills.

/// <summary>YAML shape of a bilingual label.</summary>
public sealed class TextDto
{
    /// <summary>Chinese text.</summary>
    public string? Zh { get; set; }

    /// <summary>English text.</summary>
    public string? En { get; set; }
}

/// <summary>YAML shape of vocabulary.yaml.</summary>
public sealed class VocabularyDto
{
    /// <summary>Categories by id.</summary>
    public Dictionary<string, TextDto> Categories { get; set; } = [];

    /// <summary>Applicant kinds by id.</summary>
    public Dictionary<string, TextDto> ApplicantKinds { get; set; } = [];

    /// <summary>Affiliations by id.</summary>
    public Dictionary<string, TextDto> Affiliations { get; set; } = [];

    /// <summary>Evidence types by id.</summary>
    public Dictionary<string, TextDto> EvidenceTypes { get; set; } = [];

    /// <summary>Achievement kinds by id.</summary>
    public Dictionary<string, AchievementKindDto> AchievementKinds { get; set; } = [];
}

/// <summary>YAML shape of an achievement kind.</summary>
public sealed class AchievementKindDto
{
    /// <summary>Category id.</summary>
    public string? Category { get; set; }

    /// <summary>Chinese name.</summary>
    public string? Zh { get; set; }

    /// <summary>English name.</summary>
    public string? En { get; set; }

    /// <summary>Levels it comes in.</summary>
    public List<string> Levels { get; set; } = [];

    /// <summary>Grades it comes in (prize classes, committee kinds).</summary>
    public List<string> Grades { get; set; } = [];
}

/// <summary>YAML shape of jurisdictions.yaml.</summary>
public sealed class JurisdictionsDto
{
    /// <summary>All jurisdictions.</summary>
    public List<JurisdictionDto> Jurisdictions { get; set; } = [];
}

/// <summary>YAML shape of one jurisdiction.</summary>
public sealed class JurisdictionDto
{
    /// <summary>Administrative division code.</summary>
    public string? Code { get; set; }

    /// <summary>Chinese name.</summary>
    public string? Zh { get; set; }

    /// <summary>English name.</summary>
    public string? En { get; set; }

    /// <summary>Parent code.</summary>
    public string? Parent { get; set; }

    /// <summary>The treasury of this jurisdiction.</summary>
    public TreasuryDto? Treasury { get; set; }
}

/// <summary>YAML shape of a treasury.</summary>
public sealed class TreasuryDto
{
    /// <summary>Treasury id.</summary>
    public string? Id { get; set; }

    /// <summary>Chinese name.</summary>
    public string? Zh { get; set; }

    /// <summary>English name.</summary>
    public string? En { get; set; }
}

/// <summary>YAML shape of a policy document file.</summary>
public sealed class DocumentDto
{
    /// <summary>Document id.</summary>
    public string? Id { get; set; }

    /// <summary>Seed file name.</summary>
    public string? Seed { get; set; }

    /// <summary>Title.</summary>
    public TextDto? Title { get; set; }

    /// <summary>Document number (文号) where given.</summary>
    public string? Number { get; set; }

    /// <summary>Issuing jurisdiction code.</summary>
    public string? Jurisdiction { get; set; }

    /// <summary>draft or in-force.</summary>
    public string? Status { get; set; }

    /// <summary>Effective window.</summary>
    public EffectiveDto? Effective { get; set; }

    /// <summary>Default treasury id.</summary>
    public string? DefaultTreasury { get; set; }

    /// <summary>Departments by id.</summary>
    public Dictionary<string, TextDto> Departments { get; set; } = [];

    /// <summary>Money clauses.</summary>
    public List<ClauseDto> Clauses { get; set; } = [];

    /// <summary>Cross-clause rules.</summary>
    public List<RuleDto> Rules { get; set; } = [];

    /// <summary>Provisions without amounts.</summary>
    public List<ProvisionDto> Provisions { get; set; } = [];
}

/// <summary>YAML shape of an effective window.</summary>
public sealed class EffectiveDto
{
    /// <summary>First day (yyyy-MM-dd).</summary>
    public string? From { get; set; }

    /// <summary>Last day (yyyy-MM-dd), absent when open.</summary>
    public string? To { get; set; }

    /// <summary>The seed words the dates come from, and any assumption made.</summary>
    public string? Basis { get; set; }
}

/// <summary>YAML shape of a clause.</summary>
public sealed class ClauseDto
{
    /// <summary>Stable clause id.</summary>
    public string? Id { get; set; }

    /// <summary>Section reference in the document.</summary>
    public string? Section { get; set; }

    /// <summary>Quoted source sentence.</summary>
    public string? Quote { get; set; }

    /// <summary>Title.</summary>
    public TextDto? Title { get; set; }

    /// <summary>Category id.</summary>
    public string? Category { get; set; }

    /// <summary>Level.</summary>
    public string? Level { get; set; }

    /// <summary>Achievement kind id.</summary>
    public string? Achievement { get; set; }

    /// <summary>Grade within the kind.</summary>
    public string? Grade { get; set; }

    /// <summary>Applicant kinds allowed.</summary>
    public List<string> Applicants { get; set; } = [];

    /// <summary>Amount rule.</summary>
    public AmountDto? Amount { get; set; }

    /// <summary>Treasury id (defaults to the document's).</summary>
    public string? Treasury { get; set; }

    /// <summary>Responsible department id.</summary>
    public string? Department { get; set; }

    /// <summary>Required evidence types.</summary>
    public List<string> Evidence { get; set; } = [];

    /// <summary>Conditions on facts.</summary>
    public List<ConditionDto> Conditions { get; set; } = [];

    /// <summary>Series for once-per-level rules.</summary>
    public string? Series { get; set; }

    /// <summary>per-identifier (default) or once-per-year.</summary>
    public string? Limit { get; set; }

    /// <summary>Clause-specific window start.</summary>
    public string? ValidFrom { get; set; }

    /// <summary>Clause-specific window end.</summary>
    public string? ValidTo { get; set; }

    /// <summary>Version number assigned by the catalog store (never written in files).</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public int? StoredVersion { get; set; }
}

/// <summary>YAML shape of an amount rule: exactly one kind is set.</summary>
public sealed class AmountDto
{
    /// <summary>Fixed amount.</summary>
    public decimal? Fixed { get; set; }

    /// <summary>Amount per unit.</summary>
    public decimal? PerUnit { get; set; }

    /// <summary>Unit name.</summary>
    public TextDto? Unit { get; set; }

    /// <summary>Tiers.</summary>
    public List<TierDto>? Tiers { get; set; }

    /// <summary>Tier metric name.</summary>
    public TextDto? Metric { get; set; }

    /// <summary>Rate (0.5 = 50%).</summary>
    public decimal? Percent { get; set; }

    /// <summary>Base amount fields.</summary>
    public List<string>? Of { get; set; }

    /// <summary>Cap per claim.</summary>
    public decimal? Cap { get; set; }

    /// <summary>What the cap is per.</summary>
    public TextDto? CapUnit { get; set; }

    /// <summary>Amounts by affiliation.</summary>
    public Dictionary<string, decimal>? ByAffiliation { get; set; }

    /// <summary>Referenced clause id.</summary>
    public string? FractionOf { get; set; }

    /// <summary>Fraction of the referenced clause.</summary>
    public decimal? Fraction { get; set; }

    /// <summary>Pool total.</summary>
    public decimal? Pool { get; set; }

    /// <summary>Regulation setting the amount.</summary>
    public TextDto? ExternalRegulation { get; set; }
}

/// <summary>YAML shape of a tier.</summary>
public sealed class TierDto
{
    /// <summary>Minimum count.</summary>
    public int Min { get; set; }

    /// <summary>Amount at this tier.</summary>
    public decimal Amount { get; set; }
}

/// <summary>YAML shape of a condition.</summary>
public sealed class ConditionDto
{
    /// <summary>Fact name.</summary>
    public string? Fact { get; set; }

    /// <summary>Fact must be true.</summary>
    public bool? IsTrue { get; set; }

    /// <summary>Fact must be one of these values.</summary>
    public List<string>? OneOf { get; set; }

    /// <summary>Chinese description.</summary>
    public string? Zh { get; set; }

    /// <summary>English description.</summary>
    public string? En { get; set; }
}

/// <summary>YAML shape of a cross-clause rule.</summary>
public sealed class RuleDto
{
    /// <summary>Rule id.</summary>
    public string? Id { get; set; }

    /// <summary>once-per-level-with-upgrade-difference or relocated-firms-eligible.</summary>
    public string? Kind { get; set; }

    /// <summary>Section.</summary>
    public string? Section { get; set; }

    /// <summary>Quote.</summary>
    public string? Quote { get; set; }

    /// <summary>Conditions (relocated firms).</summary>
    public List<ConditionDto> Conditions { get; set; } = [];

    /// <summary>Obligation recorded on awards.</summary>
    public TextDto? Obligation { get; set; }
}

/// <summary>YAML shape of a provision without an amount.</summary>
public sealed class ProvisionDto
{
    /// <summary>Provision id.</summary>
    public string? Id { get; set; }

    /// <summary>Section.</summary>
    public string? Section { get; set; }

    /// <summary>budget, deferral, task.</summary>
    public string? Kind { get; set; }

    /// <summary>Quote.</summary>
    public string? Quote { get; set; }

    /// <summary>Summary.</summary>
    public TextDto? Summary { get; set; }

    /// <summary>Budget amount.</summary>
    public decimal? Budget { get; set; }

    /// <summary>Lead departments.</summary>
    public List<string> Lead { get; set; } = [];

    /// <summary>Responsible departments.</summary>
    public List<string> Responsible { get; set; } = [];

    /// <summary>Regulation deferred to.</summary>
    public string? DefersTo { get; set; }
}
