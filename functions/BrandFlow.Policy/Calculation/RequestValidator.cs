using BrandFlow.Policy.Catalog;

namespace BrandFlow.Policy.Calculation;

/// <summary>Checks an evaluation request against the catalog's vocabulary before anything is computed.</summary>
internal static class RequestValidator
{
    public static void Validate(EvaluationRequest request, PolicyCatalog catalog)
    {
        var errors = new List<InputError>();
        void Add(string field, string zh, string en) => errors.Add(new(field, $"{zh} / {en}"));
        var vocabulary = catalog.Vocabulary;

        if (request.AsOf is null)
        {
            Add("asOf", "缺少评估日期", "asOf is required (yyyy-MM-dd)");
        }

        var applicant = request.Applicant;
        if (applicant is null)
        {
            Add("applicant", "缺少申请人", "applicant is required");
        }
        else
        {
            if (string.IsNullOrWhiteSpace(applicant.Name))
            {
                Add("applicant.name", "缺少申请人名称", "applicant name is required");
            }

            if (CreditCode.Check(applicant.CreditCode) is { } creditError)
            {
                errors.Add(new("applicant.creditCode", creditError));
            }

            if (applicant.Kind is null || !vocabulary.ApplicantKinds.ContainsKey(applicant.Kind))
            {
                Add("applicant.kind", $"未知的申请人类型“{applicant.Kind}”", $"unknown applicant kind '{applicant.Kind}' (known: {string.Join(", ", vocabulary.ApplicantKinds.Keys)})");
            }

            if (applicant.Affiliation is not null && !vocabulary.Affiliations.ContainsKey(applicant.Affiliation))
            {
                Add("applicant.affiliation", $"未知的隶属关系“{applicant.Affiliation}”", $"unknown affiliation '{applicant.Affiliation}' (known: {string.Join(", ", vocabulary.Affiliations.Keys)})");
            }

            if (applicant.Jurisdiction is null || !catalog.Jurisdictions.ContainsKey(applicant.Jurisdiction))
            {
                Add("applicant.jurisdiction", $"未知的行政区划代码“{applicant.Jurisdiction}”", $"unknown jurisdiction code '{applicant.Jurisdiction}'");
            }
        }

        foreach (var (id, i) in (request.Documents ?? []).Select((d, i) => (d, i)))
        {
            if (!catalog.Documents.Any(d => d.Id == id))
            {
                Add($"documents[{i}]", $"未知的政策文件“{id}”", $"unknown document '{id}'");
            }
        }

        var achievements = request.Achievements ?? [];
        if (achievements.Count == 0)
        {
            Add("achievements", "至少需要一项成果", "at least one achievement is required");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < achievements.Count; i++)
        {
            ValidateAchievement(achievements[i], $"achievements[{i}]", request, catalog, ids, Add);
        }

        foreach (var (prior, i) in (request.PriorAwards ?? []).Select((p, i) => (p, i)))
        {
            if (prior.ClauseId is null || !catalog.Clauses.Any(c => c.Id == prior.ClauseId))
            {
                Add($"priorAwards[{i}].clauseId", $"未知的条款“{prior.ClauseId}”", $"unknown clause '{prior.ClauseId}'");
            }

            if (prior.Amount < 0)
            {
                Add($"priorAwards[{i}].amount", "金额不能为负数", "amount must not be negative");
            }

            if (prior.Date is null)
            {
                Add($"priorAwards[{i}].date", "缺少日期", "date is required");
            }
        }

        foreach (var (entry, i) in (request.AdministratorEntries ?? []).Select((e, i) => (e, i)))
        {
            if (entry.ClauseId is null || !catalog.Clauses.Any(c => c.Id == entry.ClauseId))
            {
                Add($"administratorEntries[{i}].clauseId", $"未知的条款“{entry.ClauseId}”", $"unknown clause '{entry.ClauseId}'");
            }

            if (entry.Amount is < 0)
            {
                Add($"administratorEntries[{i}].amount", "金额不能为负数", "amount must not be negative");
            }

            if (entry.Share is <= 0 or > 1)
            {
                Add($"administratorEntries[{i}].share", "份额须大于0且不超过1", "share must be in (0, 1]");
            }
        }

        if (errors.Count > 0)
        {
            throw new EvaluationInputException(errors);
        }
    }

    private static void ValidateAchievement(
        AchievementInput a, string path, EvaluationRequest request, PolicyCatalog catalog, HashSet<string> ids, Action<string, string, string> add)
    {
        if (a.Id is not null && !ids.Add(a.Id))
        {
            add($"{path}.id", $"成果编号“{a.Id}”重复", $"duplicate achievement id '{a.Id}'");
        }

        if (a.Kind is null || !catalog.Vocabulary.AchievementKinds.TryGetValue(a.Kind, out var kind))
        {
            add($"{path}.kind", $"未知的成果类型“{a.Kind}”", $"unknown achievement kind '{a.Kind}'");
        }
        else
        {
            var level = a.Level ?? "none";
            if (!kind.Levels.Contains(level))
            {
                add($"{path}.level", $"成果类型“{kind.Name.Zh}”没有“{level}”层级（可选：{string.Join("、", kind.Levels)}）",
                    $"'{a.Kind}' has no level '{level}' (allowed: {string.Join(", ", kind.Levels)})");
            }

            if (a.Grade is not null ? !kind.Grades.Contains(a.Grade) : kind.Grades.Count > 0)
            {
                add($"{path}.grade", $"成果类型“{kind.Name.Zh}”须指定等级（可选：{string.Join("、", kind.Grades)}）",
                    $"'{a.Kind}' needs a grade from: {string.Join(", ", kind.Grades)}");
            }
        }

        if (a.Count is < 0)
        {
            add($"{path}.count", "数量不能为负数", "count must not be negative");
        }

        foreach (var (name, value) in a.Amounts ?? [])
        {
            if (value < 0)
            {
                add($"{path}.amounts.{name}", "金额不能为负数", "amount must not be negative");
            }
        }

        if (a.Date is not { } date)
        {
            add($"{path}.date", "缺少成果取得日期", "date is required (yyyy-MM-dd)");
            return;
        }

        if (request.AsOf is { } asOf && date > asOf)
        {
            add($"{path}.date", $"成果日期 {date:yyyy-MM-dd} 晚于评估日期 {asOf:yyyy-MM-dd}", $"date {date:yyyy-MM-dd} is after asOf {asOf:yyyy-MM-dd}");
        }

        // A date no document of the catalog covers is a typo or a wrong year, not a refusal to explain clause by clause.
        if (!catalog.Documents.Any(d => d.Effective.Contains(date) || d.Clauses.Any(c => c.Window?.Contains(date) == true)))
        {
            add($"{path}.date", $"成果日期 {date:yyyy-MM-dd} 不在目录中任何政策文件的有效期内", $"date {date:yyyy-MM-dd} is outside the effective window of every document in the catalog");
        }
    }
}
