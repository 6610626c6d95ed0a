using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;

namespace BrandFlow.Awards.Features.Cycles;

/// <summary>Ends a cycle once its payments are issued (administrator).</summary>
public sealed class CloseCycleHandler
{
    private readonly AwardsContext context;

    /// <summary>Creates the handler.</summary>
    public CloseCycleHandler(AwardsContext context) => this.context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Signals the cycle orchestration to end.</summary>
    public async Task HandleAsync(UserAccount? actor, string cycleId, CancellationToken cancellationToken = default)
    {
        var who = AccessPolicy.Authorize(UseCase.CloseCycle, actor);
        var cycle = await this.context.ExistingCycleAsync(cycleId, cancellationToken);
        if (cycle.Status != CycleStatus.Paying)
        {
            throw AwardsErrors.WrongState("只有拨付阶段的申报年度可以结束", "Only a cycle in its payment stage can be closed");
        }

        await this.context.Client.RaiseEventAsync(cycleId, WorkflowEvents.CloseCycle, new AdminActionEvent(who.Email, this.context.Now), cancellationToken);
        await this.context.AuditAsync(cycleId, "cycle.closed", who, null, cancellationToken);
    }
}
