using System.Globalization;
using System.Text;
using BrandFlow.Policy.Catalog;

namespace BrandFlow.Policy.Loading;

/// <summary>Maps and validates one document file; every problem is reported with file and clause id.</summary>
internal sealed class DocumentMapper(
    string file,
    Vocabulary vocabulary,
    IReadOnlyDictionary<string, Jurisdiction> jurisdictions,
    IReadOnlyDictionary<string, Treasury> treasuries,
    List<CatalogError> errors)
{
    /// <summary>Treasury id meaning "the applicant's own jurisdiction pays".</summary>
    public const string LocalTreasury = PolicyCatalog.LocalTreasury;

    public PolicyDocument? Map(DocumentDto dto)
    {
        var before = errors.Count;
        Require(dto.Id, null, "id");
        Require(dto.Seed, null, "seed");
        Require(dto.Title?.Zh, null, "title.zh");
        if (dto.Jurisdiction is null || !jurisdictions.ContainsKey(dto.Jurisdiction))
        {
            Error(null, $"unknown jurisdiction '{dto.Jurisdiction}'");
        }

        var status = dto.Status switch
        {
            "draft" => DocumentStatus.Draft,
            "in-force" => DocumentStatus.InForce,
            _ => Error<DocumentStatus>(null, $"status must be 'draft' or 'in-force', not '{dto.Status}'"),
        };
        var effective = new DateWindow(
            CatalogLoader.ParseDate(dto.Effective?.From, file, null, "effective.from", errors),
            CatalogLoader.ParseDate(dto.Effective?.To, file, null, "effective.to", errors));
        Require(dto.Effective?.From, null, "effective.from");
        Require(dto.Effective?.Basis, null, "effective.basis");
        if (dto.DefaultTreasury is null || !treasuries.ContainsKey(dto.DefaultTreasury))
        {
            Error(null, $"unknown defaultTreasury '{dto.DefaultTreasury}'");
        }

        var departments = dto.Departments.Select(p => new Department(p.Key, new(p.Value.Zh ?? p.Key, p.Value.En ?? p.Key))).ToList();
        var clauses = new List<PolicyClause>();
        foreach (var clause in dto.Clauses)
        {
            if (MapClause(dto, clause) is { } mapped)
            {
                clauses.Add(mapped);
            }
        }

        var rules = dto.Rules.Select(MapRule).OfType<CrossClauseRule>().ToList();
        var provisions = dto.Provisions.Select(p => MapProvision(dto, p)).ToList();
        if (errors.Count > before)
        {
            return null;
        }

        return new PolicyDocument(dto.Id!, dto.Seed!, Text(dto.Title), dto.Number, dto.Jurisdiction!, status, effective,
            dto.Effective!.Basis!, dto.DefaultTreasury!, departments, clauses, rules, provisions);
    }

    private PolicyClause? MapClause(DocumentDto doc, ClauseDto c)
    {
        var before = errors.Count;
        var id = c.Id;
        Require(id, null, "clause id");
        Require(c.Section, id, "section");
        Require(c.Quote, id, "quote");
        Require(c.Title?.Zh, id, "title.zh");
        Require(c.Title?.En, id, "title.en");
        if (c.Category is null || !vocabulary.Categories.ContainsKey(c.Category))
        {
            Error(id, $"unknown category '{c.Category}'");
        }

        if (c.Level is null || !Levels.IsKnown(c.Level))
        {
            Error(id, $"unknown level '{c.Level}'");
        }

        if (c.Achievement is null || !vocabulary.AchievementKinds.TryGetValue(c.Achievement, out var kind))
        {
            Error(id, $"unknown achievement kind '{c.Achievement}'");
        }
        else
        {
            if (c.Level is not null && !kind.Levels.Contains(c.Level))
            {
                Error(id, $"achievement '{c.Achievement}' does not come at level '{c.Level}'");
            }

            if (c.Grade is not null && !kind.Grades.Contains(c.Grade))
            {
                Error(id, $"achievement '{c.Achievement}' has no grade '{c.Grade}'");
            }
        }

        if (c.Applicants.Count == 0)
        {
            Error(id, "applicants must list at least one applicant kind");
        }

        foreach (var a in c.Applicants.Where(a => !vocabulary.ApplicantKinds.ContainsKey(a)))
        {
            Error(id, $"unknown applicant kind '{a}'");
        }

        foreach (var e in c.Evidence.Where(e => !vocabulary.EvidenceTypes.ContainsKey(e)))
        {
            Error(id, $"unknown evidence type '{e}'");
        }

        if (c.Evidence.Count == 0)
        {
            Error(id, "evidence must list at least one evidence type");
        }

        var treasury = c.Treasury ?? doc.DefaultTreasury;
        if (treasury is null || (treasury != LocalTreasury && !treasuries.ContainsKey(treasury)))
        {
            Error(id, $"unknown treasury '{treasury}'");
        }

        if (c.Department is null || !doc.Departments.ContainsKey(c.Department))
        {
            Error(id, $"unknown department '{c.Department}' (declare it under departments)");
        }

        var limit = c.Limit switch
        {
            null or "per-identifier" => PaymentLimit.PerIdentifier,
            "once-per-year" => PaymentLimit.OncePerYear,
            _ => Error<PaymentLimit>(id, $"limit must be 'per-identifier' or 'once-per-year', not '{c.Limit}'"),
        };
        var conditions = c.Conditions.Select(x => MapCondition(x, id)).ToList();
        var amount = MapAmount(c.Amount, id);
        DateWindow? window = c.ValidFrom is null && c.ValidTo is null ? null : new DateWindow(
            CatalogLoader.ParseDate(c.ValidFrom, file, id, "validFrom", errors),
            CatalogLoader.ParseDate(c.ValidTo, file, id, "validTo", errors));
        if (errors.Count > before || amount is null)
        {
            return null;
        }

        return new PolicyClause(id!, doc.Id!, c.Section!, c.Quote!.Trim(), Text(c.Title), c.Category!, c.Level!, c.Achievement!, c.Grade,
            c.Applicants, amount, treasury!, c.Department!, c.Evidence, conditions, c.Series, limit, window, HashClause(c, treasury!))
        {
            Version = c.StoredVersion ?? 1,
        };
    }

    private AmountRule? MapAmount(AmountDto? a, string? id)
    {
        if (a is null)
        {
            return Error<AmountRule?>(id, "amount is missing");
        }

        var kinds = new object?[] { a.Fixed, a.PerUnit, a.Tiers, a.Percent, a.ByAffiliation, a.FractionOf, a.Pool, a.ExternalRegulation }
            .Count(x => x is not null);
        if (kinds != 1)
        {
            return Error<AmountRule?>(id, "amount must set exactly one of fixed, perUnit, tiers, percent, byAffiliation, fractionOf, pool, externalRegulation");
        }

        if (a.Fixed is { } fixedAmount)
        {
            return Positive(fixedAmount, id, "amount.fixed") ? new FixedAmount(fixedAmount) : null;
        }

        if (a.PerUnit is { } perUnit)
        {
            return Positive(perUnit, id, "amount.perUnit") && RequireText(a.Unit, id, "amount.unit") ? new PerUnitAmount(perUnit, Text(a.Unit)) : null;
        }

        if (a.Tiers is { } tiers)
        {
            var ordered = tiers.OrderBy(t => t.Min).ToList();
            var ascending = tiers.Count > 0 && ordered.SequenceEqual(tiers) && tiers.Select(t => t.Min).Distinct().Count() == tiers.Count
                && tiers.All(t => t.Min > 0 && t.Amount > 0) && ordered.Zip(ordered.Skip(1)).All(p => p.First.Amount < p.Second.Amount);
            return !ascending
                ? Error<AmountRule?>(id, "amount.tiers must be non-empty, with strictly ascending positive min and amount")
                : RequireText(a.Metric, id, "amount.metric") ? new TieredAmount(tiers.Select(t => new Tier(t.Min, t.Amount)).ToList(), Text(a.Metric)) : null;
        }

        if (a.Percent is { } rate)
        {
            if (rate <= 0 || rate > 1 || a.Of is not { Count: > 0 })
            {
                return Error<AmountRule?>(id, "amount.percent needs a rate in (0, 1] and a non-empty 'of' list of base amounts");
            }

            return a.Cap is <= 0 ? Error<AmountRule?>(id, "amount.cap must be positive") : new PercentOfBase(rate, a.Of, a.Cap, Text(a.CapUnit ?? new TextDto { Zh = "每项", En = "per claim" }));
        }

        if (a.ByAffiliation is { } variants)
        {
            if (variants.Count == 0 || variants.Keys.Any(k => !vocabulary.Affiliations.ContainsKey(k)) || variants.Values.Any(v => v <= 0))
            {
                return Error<AmountRule?>(id, "amount.byAffiliation needs known affiliations with positive amounts");
            }

            return new ByAffiliation(variants);
        }

        if (a.FractionOf is { } target)
        {
            return a.Fraction is > 0 and < 1 ? new FractionOfClause(target, a.Fraction.Value) : Error<AmountRule?>(id, "amount.fraction must be between 0 and 1");
        }

        if (a.Pool is { } pool)
        {
            return Positive(pool, id, "amount.pool") ? new SharedPool(pool) : null;
        }

        return RequireText(a.ExternalRegulation, id, "amount.externalRegulation") ? new ExternallySetAmount(Text(a.ExternalRegulation)) : null;
    }

    private Condition MapCondition(ConditionDto c, string? id)
    {
        Require(c.Fact, id, "condition.fact");
        Require(c.Zh, id, "condition.zh");
        if ((c.IsTrue is null) == (c.OneOf is null))
        {
            Error(id, $"condition '{c.Fact}' must set exactly one of isTrue, oneOf");
        }

        return new Condition(c.Fact ?? "", c.IsTrue, c.OneOf, new(c.Zh ?? "", c.En ?? ""));
    }

    private CrossClauseRule? MapRule(RuleDto r)
    {
        Require(r.Id, null, "rule id");
        Require(r.Quote, r.Id, "rule quote");
        return r.Kind switch
        {
            "once-per-level-with-upgrade-difference" => new OncePerLevelWithUpgradeDifference(r.Id ?? "", r.Section ?? "", r.Quote ?? ""),
            "relocated-firms-eligible" => RequireText(r.Obligation, r.Id, "obligation")
                ? new RelocatedFirmsEligible(r.Id ?? "", r.Section ?? "", r.Quote ?? "", r.Conditions.Select(c => MapCondition(c, r.Id)).ToList(), Text(r.Obligation))
                : null,
            _ => Error<CrossClauseRule?>(r.Id, $"unknown rule kind '{r.Kind}'"),
        };
    }

    private NonMonetaryProvision MapProvision(DocumentDto doc, ProvisionDto p)
    {
        Require(p.Id, null, "provision id");
        Require(p.Quote, p.Id, "provision quote");
        foreach (var d in p.Lead.Concat(p.Responsible).Where(d => !doc.Departments.ContainsKey(d)))
        {
            Error(p.Id, $"unknown department '{d}' (declare it under departments)");
        }

        return new NonMonetaryProvision(p.Id ?? "", p.Section ?? "", p.Kind ?? "task", p.Quote ?? "", Text(p.Summary), p.Budget, p.Lead, p.Responsible, p.DefersTo);
    }

    private static string HashClause(ClauseDto c, string treasury)
    {
        // Everything that changes what is paid or to whom is part of the version identity.
        var amount = c.Amount!;
        var sb = new StringBuilder();
        sb.AppendJoin('|', c.Id, c.Section, c.Quote?.Trim(), c.Title?.Zh, c.Title?.En, c.Category, c.Level, c.Achievement, c.Grade,
            string.Join(',', c.Applicants), treasury, c.Department, string.Join(',', c.Evidence), c.Series, c.Limit, c.ValidFrom, c.ValidTo,
            amount.Fixed, amount.PerUnit, amount.Percent, amount.Cap, amount.Pool, amount.FractionOf, amount.Fraction, amount.ExternalRegulation?.Zh,
            string.Join(',', amount.Tiers?.Select(t => $"{t.Min}:{t.Amount}") ?? []),
            string.Join(',', amount.ByAffiliation?.Select(p => $"{p.Key}:{p.Value}") ?? []),
            string.Join(',', amount.Of ?? []),
            string.Join(',', c.Conditions.Select(x => $"{x.Fact}:{x.IsTrue}:{string.Join('/', x.OneOf ?? [])}")));
        return CatalogLoader.HashOf(string.Create(CultureInfo.InvariantCulture, $"{sb}"));
    }

    private static Text Text(TextDto? t) => new(t?.Zh ?? "", t?.En ?? "");

    private bool Positive(decimal value, string? id, string field) => value > 0 || Error<bool>(id, $"{field} must be positive");

    private bool RequireText(TextDto? text, string? id, string field) =>
        (!string.IsNullOrWhiteSpace(text?.Zh) && !string.IsNullOrWhiteSpace(text?.En)) || Error<bool>(id, $"{field} needs zh and en");

    private void Require(string? value, string? id, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Error(id, $"{field} is missing");
        }
    }

    private void Error(string? clauseId, string message) => errors.Add(new(file, clauseId, message));

    private T Error<T>(string? clauseId, string message)
    {
        Error(clauseId, message);
        return default!;
    }
}
