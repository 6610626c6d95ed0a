using System.Text.RegularExpressions;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;
using BrandFlow.Policy.Calculation;
using BrandFlow.Policy.Catalog;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace BrandFlow.Awards.Features.Cycles;

/// <summary>
/// Opens a cycle (administrator): validates documents and clauses for the jurisdiction, dates, budgets and durations,
/// then schedules the cycle orchestration with instance id = cycle id, optionally to start at a later instant.
/// </summary>
public sealed class OpenCycleHandler
{
    private static readonly Regex CycleIdPattern = new("^[a-z0-9][a-z0-9-]{2,59}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private readonly AwardsContext context;

    /// <summary>Creates the handler.</summary>
    public OpenCycleHandler(AwardsContext context) => this.context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Validates the definition and schedules the cycle orchestration.</summary>
    public async Task<CycleDefinition> HandleAsync(UserAccount? actor, CycleDefinition definition, DateTimeOffset? startAt = null, CancellationToken cancellationToken = default)
    {
        var who = AccessPolicy.Authorize(UseCase.OpenCycle, actor);
        this.ValidateCycle(definition, startAt);
        if (await this.context.Ports.Applications.GetCycleAsync(definition.CycleId, cancellationToken) is not null
            || await this.context.Client.GetInstanceAsync(definition.CycleId, cancellationToken) is { RuntimeStatus: not (OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Failed) })
        {
            throw new AwardsException("cycle-exists", 409, $"申报年度“{definition.CycleId}”已存在", $"Cycle '{definition.CycleId}' already exists", "cycleId");
        }

        await this.context.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.Cycle, definition, new StartOrchestrationOptions(definition.CycleId, startAt), cancellationToken);

        await this.context.AuditAsync(definition.CycleId, "cycle.opened", who, AwardsContext.Json(new { definition.Jurisdiction, definition.Year, definition.OpensOn, definition.ClosesOn, definition.Budgets, startAt }), cancellationToken);
        return definition;
    }

    private void ValidateCycle(CycleDefinition? d, DateTimeOffset? startAt)
    {
        if (d is null)
        {
            throw AwardsErrors.Invalid("$", "请求体为空", "The request body is empty");
        }

        var catalog = this.context.Catalog;
        var errors = new List<FieldError>();
        void Add(string field, string zh, string en) => errors.Add(new FieldError(field, zh, en));

        if (d.CycleId is null || !CycleIdPattern.IsMatch(d.CycleId))
        {
            Add("cycleId", "编号须为 3–60 个小写字母、数字或连字符", "The id must be 3–60 lowercase letters, digits or hyphens");
        }

        if (string.IsNullOrWhiteSpace(d.TitleZh) || string.IsNullOrWhiteSpace(d.TitleEn))
        {
            Add("titleZh", "中英文标题不能为空", "Titles in Chinese and English are required");
        }

        if (d.Year is < 2000 or > 2100)
        {
            Add("year", "年度须在 2000–2100 之间", "The year must be between 2000 and 2100");
        }

        var jurisdictionKnown = d.Jurisdiction is not null && catalog.Jurisdictions.ContainsKey(d.Jurisdiction);
        if (!jurisdictionKnown)
        {
            Add("jurisdiction", $"行政区划“{d.Jurisdiction}”不在目录中", $"Jurisdiction '{d.Jurisdiction}' is not in the catalog");
        }

        var documents = d.Documents ?? [];
        if (documents.Count == 0)
        {
            Add("documents", "至少需要一个政策文件", "At least one policy document is required");
        }

        var applicable = jurisdictionKnown ? PolicyCalculator.ApplicableDocuments(catalog, d.Jurisdiction!, null).Select(x => x.Id).ToHashSet(StringComparer.Ordinal) : [];
        for (var i = 0; i < documents.Count; i++)
        {
            if (!catalog.Documents.Any(x => x.Id == documents[i]))
            {
                Add($"documents[{i}]", $"政策文件“{documents[i]}”不在目录中", $"Document '{documents[i]}' is not in the catalog");
            }
            else if (jurisdictionKnown && !applicable.Contains(documents[i]))
            {
                Add($"documents[{i}]", $"政策文件“{documents[i]}”不适用于行政区划 {d.Jurisdiction}", $"Document '{documents[i]}' does not apply to jurisdiction {d.Jurisdiction}");
            }
        }

        var inForce = catalog.Documents.Where(x => documents.Contains(x.Id)).SelectMany(x => x.Clauses).ToList();
        if (d.Clauses is { } clauses)
        {
            if (clauses.Count == 0)
            {
                Add("clauses", "条款清单为空；不限定条款时请省略", "The clause list is empty; omit it to use every clause");
            }

            for (var i = 0; i < clauses.Count; i++)
            {
                if (!inForce.Any(c => c.Id == clauses[i]))
                {
                    Add($"clauses[{i}]", $"条款“{clauses[i]}”不属于所选政策文件", $"Clause '{clauses[i]}' is not in the chosen documents");
                }
            }

            inForce = inForce.Where(c => clauses.Contains(c.Id)).ToList();
        }

        if (d.OpensOn > d.ClosesOn)
        {
            Add("closesOn", "截止日期早于开始日期", "The window closes before it opens");
        }
        else if (d.ClosesOn < this.context.Today)
        {
            Add("closesOn", $"截止日期 {d.ClosesOn:yyyy-MM-dd} 已过", $"The closing date {d.ClosesOn:yyyy-MM-dd} has passed");
        }

        if (d.AsOf > d.ClosesOn)
        {
            Add("asOf", "评定基准日不能晚于截止日期", "The as-of date cannot be after the closing date");
        }

        if (startAt is { } start && start < this.context.Now.AddMinutes(-1))
        {
            Add("startAt", "预定开始时间已过", "The scheduled start is in the past");
        }

        if (d.Durations is not { } durations)
        {
            Add("durations", "缺少各环节时限", "Step durations are required");
        }
        else
        {
            foreach (var (field, value) in new[]
            {
                ("reviewWorkingDays", durations.ReviewWorkingDays), ("reviewReminderWorkingDays", durations.ReviewReminderWorkingDays),
                ("reviewEscalationWorkingDays", durations.ReviewEscalationWorkingDays), ("correctionWorkingDays", durations.CorrectionWorkingDays),
                ("noticeWorkingDays", durations.NoticeWorkingDays), ("deadlineReminderDays", durations.DeadlineReminderDays),
            })
            {
                if (value <= 0)
                {
                    Add($"durations.{field}", "时限必须大于 0", "Durations must be greater than 0");
                }
            }
        }

        var budgets = d.Budgets ?? new Dictionary<string, decimal>();
        foreach (var (treasury, amount) in budgets)
        {
            if (!catalog.Treasuries.ContainsKey(treasury))
            {
                Add($"budgets.{treasury}", $"财政“{treasury}”不在目录中", $"Treasury '{treasury}' is not in the catalog");
            }

            if (amount < 0)
            {
                Add($"budgets.{treasury}", "预算不能为负数", "A budget cannot be negative");
            }
        }

        // A clause paid by the "local" treasury is paid by the applicant's own jurisdiction; for the cycle that is
        // its jurisdiction's treasury (firms of lower jurisdictions are paid by theirs, which may have a budget too).
        var payers = inForce.Where(c => jurisdictionKnown || c.TreasuryId != PolicyCatalog.LocalTreasury)
            .Select(c => jurisdictionKnown ? catalog.PayingTreasury(c, d.Jurisdiction!) : c.TreasuryId);
        foreach (var treasury in payers.Distinct().Where(t => !budgets.ContainsKey(t)))
        {
            Add($"budgets.{treasury}", $"缺少财政“{treasury}”的预算（所选条款由其支付）", $"A budget for treasury '{treasury}' is required (the chosen clauses are paid by it)");
        }

        if (errors.Count > 0)
        {
            throw AwardsErrors.Invalid(errors);
        }
    }
}
