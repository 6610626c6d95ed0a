using BrandFlow.Awards.Fiscal;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;

namespace BrandFlow.Awards.Features.Fiscal;

/// <summary>Approves a cycle's batch under a rule (finance): the cycle applies the same allocation the simulation shows.</summary>
public sealed class ApproveFiscalHandler
{
    private readonly AwardsContext context;

    /// <summary>Creates the handler.</summary>
    public ApproveFiscalHandler(AwardsContext context) => this.context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Signals the cycle orchestration with the approval and returns the allocation it will apply.</summary>
    public async Task<AllocationResult> HandleAsync(UserAccount? actor, string cycleId, AllocationRuleKind rule, CancellationToken cancellationToken = default)
    {
        var who = AccessPolicy.Authorize(UseCase.ApproveFiscal, actor);
        var cycle = await this.context.ExistingCycleAsync(cycleId, cancellationToken);
        if (cycle.Status != CycleStatus.AwaitingFiscalApproval)
        {
            throw AwardsErrors.WrongState("该申报年度当前不在财政审批阶段", "The cycle is not waiting for fiscal approval");
        }

        var result = await SimulateFiscalHandler.SimulateAsync(this.context, cycle, rule, cancellationToken);
        await this.context.Client.RaiseEventAsync(cycleId, WorkflowEvents.FiscalApproved, new FiscalApprovalEvent(rule, who.Email, this.context.Now), cancellationToken);
        await this.context.AuditAsync(cycleId, "fiscal.approved", who, AwardsContext.Json(new { rule, result.Treasuries }), cancellationToken);
        return result;
    }
}
