namespace BrandFlow.Policy.Catalog;

/// <summary>A government jurisdiction (行政区划) with its parent chain and the treasury it funds awards from.</summary>
public sealed record Jurisdiction(string Code, Text Name, string? ParentCode, string TreasuryId);

/// <summary>A paying treasury (e.g. 崇阳县级财政).</summary>
public sealed record Treasury(string Id, Text Name, string JurisdictionCode);

/// <summary>A government department responsible for reviewing clauses.</summary>
public sealed record Department(string Id, Text Name);

/// <summary>Status of a policy document as its text states it.</summary>
public enum DocumentStatus
{
    /// <summary>Draft for public comment (征求意见稿).</summary>
    Draft,

    /// <summary>In force (施行).</summary>
    InForce,
}

/// <summary>A date window, both ends inclusive, in China Standard Time dates; an open end is null.</summary>
public sealed record DateWindow(DateOnly? From, DateOnly? To)
{
    /// <summary>Whether the date lies in the window.</summary>
    public bool Contains(DateOnly date) => (From is null || date >= From) && (To is null || date <= To);

    /// <summary>Whether two windows share at least one day.</summary>
    public bool Overlaps(DateWindow other) =>
        (From is null || other.To is null || From <= other.To) && (other.From is null || To is null || other.From <= To);

    /// <summary>Renders the window as "from..to".</summary>
    public override string ToString() => $"{From?.ToString("yyyy-MM-dd") ?? "…"}..{To?.ToString("yyyy-MM-dd") ?? "…"}";
}

/// <summary>One seed document (政策文件) with its clauses.</summary>
public sealed record PolicyDocument(
    string Id,
    string SourceFile,
    Text Title,
    string? Number,
    string JurisdictionCode,
    DocumentStatus Status,
    DateWindow Effective,
    string EffectiveBasis,
    string DefaultTreasuryId,
    IReadOnlyList<Department> Departments,
    IReadOnlyList<PolicyClause> Clauses,
    IReadOnlyList<CrossClauseRule> Rules,
    IReadOnlyList<NonMonetaryProvision> Provisions);

/// <summary>A provision without an amount (lead departments, budgets, deferrals), kept so the catalog represents the whole document.</summary>
public sealed record NonMonetaryProvision(string Id, string Section, string Kind, string Quote, Text Summary, decimal? BudgetAmount, IReadOnlyList<string> LeadDepartments, IReadOnlyList<string> ResponsibleDepartments, string? DefersTo);

/// <summary>A rule spanning several clauses of a document.</summary>
public abstract record CrossClauseRule(string Id, string Section, string Quote);

/// <summary>002 (十八): once per level per subject; re-evaluation earns nothing; a higher level pays the difference.</summary>
public sealed record OncePerLevelWithUpgradeDifference(string Id, string Section, string Quote) : CrossClauseRule(Id, Section, Quote);

/// <summary>002 (十三): a firm moving into the district earns the same award; the obligation is recorded on the award.</summary>
public sealed record RelocatedFirmsEligible(string Id, string Section, string Quote, IReadOnlyList<Condition> Conditions, Text Obligation) : CrossClauseRule(Id, Section, Quote);

/// <summary>How often a clause may pay the same applicant.</summary>
public enum PaymentLimit
{
    /// <summary>Once per identifier (patent number, certificate number); without identifiers, once per achievement date.</summary>
    PerIdentifier,

    /// <summary>Once per calendar year (annual volume bonuses).</summary>
    OncePerYear,
}

/// <summary>One money clause: what earns it, who may claim it, how much, who pays, who reviews, with its citation.</summary>
public sealed record PolicyClause(
    string Id,
    string DocumentId,
    string Section,
    string Quote,
    Text Title,
    string Category,
    string Level,
    string AchievementKind,
    string? Grade,
    IReadOnlyList<string> ApplicantKinds,
    AmountRule Amount,
    string TreasuryId,
    string DepartmentId,
    IReadOnlyList<string> Evidence,
    IReadOnlyList<Condition> Conditions,
    string? Series,
    PaymentLimit Limit,
    DateWindow? Window,
    string ContentHash)
{
    /// <summary>Version number assigned by the catalog store; 1 when read straight from files.</summary>
    public int Version { get; init; } = 1;
}

/// <summary>A condition on a fact of the achievement (e.g. loanRepaidOnTime = true).</summary>
public sealed record Condition(string Fact, bool? EqualsTrue, IReadOnlyList<string>? OneOf, Text Description);

/// <summary>The whole catalog: vocabulary, jurisdictions, treasuries and documents.</summary>
public sealed record PolicyCatalog(
    Vocabulary Vocabulary,
    IReadOnlyDictionary<string, Jurisdiction> Jurisdictions,
    IReadOnlyDictionary<string, Treasury> Treasuries,
    IReadOnlyList<PolicyDocument> Documents)
{
    /// <summary>All clauses of all documents.</summary>
    public IEnumerable<PolicyClause> Clauses => Documents.SelectMany(d => d.Clauses);

    /// <summary>The jurisdiction and all its ancestors, nearest first.</summary>
    public IReadOnlyList<Jurisdiction> Chain(string code)
    {
        var chain = new List<Jurisdiction>();
        for (var current = Jurisdictions.GetValueOrDefault(code); current is not null;
             current = current.ParentCode is null ? null : Jurisdictions.GetValueOrDefault(current.ParentCode))
        {
            chain.Add(current);
        }

        return chain;
    }

    /// <summary>Treasury id of clauses paid by the applicant's own jurisdiction rather than a named treasury.</summary>
    public const string LocalTreasury = "local";

    /// <summary>
    /// The treasury that pays a clause for an applicant of a jurisdiction: the clause's own, or for
    /// <see cref="LocalTreasury"/> the jurisdiction's.
    /// </summary>
    public string PayingTreasury(PolicyClause clause, string jurisdiction)
    {
        ArgumentNullException.ThrowIfNull(clause);
        return clause.TreasuryId == LocalTreasury ? Jurisdictions[jurisdiction].TreasuryId : clause.TreasuryId;
    }

    /// <summary>Finds a document by id.</summary>
    public PolicyDocument Document(string id) => Documents.Single(d => d.Id == id);
}
