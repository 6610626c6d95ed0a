using BrandFlow.Awards.Fiscal;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;
using Microsoft.DurableTask;

namespace BrandFlow.Awards.Workflow;

/// <summary>
/// The fiscal batch of a cycle: every award approved by review of the applications waiting for fiscal approval,
/// allocated against the cycle's budgets. The API shows <see cref="SimulateAsync"/>; the cycle applies the same
/// computation when finance approves, so what finance saw is what is granted.
/// </summary>
public static class FiscalSimulation
{
    /// <summary>The candidates of a batch: the API's own definition (<see cref="Services.FiscalBatch"/>), so both compute alike.</summary>
    public static IReadOnlyList<AllocationCandidate> Candidates(IEnumerable<ApplicationRecord> applications) => Services.FiscalBatch.Candidates(applications);

    /// <summary>Simulates (or computes for approval) the allocation of a cycle's batch under a rule.</summary>
    public static async Task<CycleAllocation> SimulateAsync(IApplicationStore store, string cycleId, AllocationRuleKind rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var cycle = await store.GetCycleAsync(cycleId, cancellationToken)
            ?? throw new InvalidOperationException($"申报周期 {cycleId} 不存在 / cycle {cycleId} does not exist");
        var applications = await store.ListByCycleAsync(cycleId, ApplicationStatus.AwaitingFiscalApproval, cancellationToken);
        var byAward = applications.SelectMany(a => a.Awards.Select(w => (w.AwardId, a.ApplicationId)))
            .ToDictionary(x => x.AwardId, x => x.ApplicationId, StringComparer.Ordinal);
        var result = FiscalAllocator.Allocate(cycle.Definition.Budgets, Candidates(applications), rule);
        return new CycleAllocation(result, byAward);
    }
}

/// <summary>The fiscal allocation of a cycle's batch under a rule (see <see cref="FiscalSimulation"/>).</summary>
public sealed class AllocateActivity(IApplicationStore applications) : TaskActivity<AllocationRequest, CycleAllocation>
{
    /// <inheritdoc />
    public override Task<CycleAllocation> RunAsync(TaskActivityContext context, AllocationRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return FiscalSimulation.SimulateAsync(applications, input.CycleId, input.Rule, CancellationToken.None);
    }
}
