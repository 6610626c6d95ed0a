using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Awards.Workflow;

/// <summary>
/// The cycle report: applications, paid awards and amounts by clause, department and treasury, and each budget's use.
/// "Used" counts every instruction issued for the cycle (paid or still with the bank): that money is committed.
/// </summary>
public sealed class BuildReportActivity(IApplicationStore store, ILogger<BuildReportActivity> logger) : TaskActivity<string, CycleReport>
{
    /// <inheritdoc />
    public override async Task<CycleReport> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var token = CancellationToken.None;
        var cycle = await store.GetCycleAsync(input, token)
            ?? throw new InvalidOperationException($"申报周期 {input} 不存在 / cycle {input} does not exist");
        var applications = await store.ListByCycleAsync(input, cancellationToken: token);
        var paid = applications.SelectMany(a => a.Awards).Where(w => w.State == AwardStates.Paid).ToList();
        var committed = applications.SelectMany(a => a.Awards).Where(w => w.State is AwardStates.Paid || Payouts.IsPayable(w)).ToList();
        static IReadOnlyList<ReportLine> By(IEnumerable<AwardLine> awards, Func<AwardLine, string> key) =>
            awards.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new ReportLine(g.Key, g.Count(), g.Sum(a => a.ApprovedAmount ?? 0))).ToList();
        var treasuries = cycle.Definition.Budgets.Keys.Union(committed.Select(a => a.TreasuryId)).Order(StringComparer.Ordinal)
            .Select(t =>
            {
                var budget = cycle.Definition.Budgets.GetValueOrDefault(t);
                var used = committed.Where(a => a.TreasuryId == t).Sum(a => a.ApprovedAmount ?? 0);
                return new BudgetLine(t, budget, used, budget - used);
            }).ToList();
        WorkflowLog.ReportBuilt(logger, input, paid.Count);
        return new CycleReport(input, applications.Count, paid.Count, paid.Sum(a => a.ApprovedAmount ?? 0), By(paid, a => a.ClauseId), By(paid, a => a.DepartmentId), treasuries);
    }
}
