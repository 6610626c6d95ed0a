using BrandFlow.Awards.Fiscal;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;

namespace BrandFlow.Awards.Features.Fiscal;

/// <summary>Simulates a cycle's batch under a rule against its budgets (finance, administrator); no side effect.</summary>
public sealed class SimulateFiscalHandler
{
    private readonly AwardsContext context;

    /// <summary>Creates the handler.</summary>
    public SimulateFiscalHandler(AwardsContext context) => this.context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>The allocation the cycle would apply under the rule.</summary>
    public async Task<AllocationResult> HandleAsync(UserAccount? actor, string cycleId, AllocationRuleKind rule, CancellationToken cancellationToken = default)
    {
        AccessPolicy.Authorize(UseCase.SimulateFiscal, actor);
        var cycle = await this.context.ExistingCycleAsync(cycleId, cancellationToken);
        return await SimulateAsync(this.context, cycle, rule, cancellationToken);
    }

    /// <summary>The very computation the cycle's Allocate activity applies on approval.</summary>
    internal static async Task<AllocationResult> SimulateAsync(AwardsContext context, CycleRecord cycle, AllocationRuleKind rule, CancellationToken cancellationToken)
    {
        var allocation = await FiscalSimulation.SimulateAsync(context.Ports.Applications, cycle.Definition.CycleId, rule, cancellationToken);
        return allocation.Result;
    }
}
