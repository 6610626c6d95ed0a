using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;

namespace BrandFlow.Awards.Features.Cycles;

/// <summary>Closes a cycle's application window now (administrator).</summary>
public sealed class CloseWindowHandler
{
    private readonly AwardsContext context;

    /// <summary>Creates the handler.</summary>
    public CloseWindowHandler(AwardsContext context) => this.context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Signals the cycle orchestration to close its window.</summary>
    public async Task HandleAsync(UserAccount? actor, string cycleId, CancellationToken cancellationToken = default)
    {
        var who = AccessPolicy.Authorize(UseCase.CloseWindow, actor);
        var cycle = await this.context.ExistingCycleAsync(cycleId, cancellationToken);
        if (cycle.Status is not (CycleStatus.Open or CycleStatus.Scheduled))
        {
            throw AwardsErrors.WrongState("申报窗口已经关闭", "The application window is already closed");
        }

        await this.context.Client.RaiseEventAsync(cycleId, WorkflowEvents.CloseWindow, new AdminActionEvent(who.Email, this.context.Now), cancellationToken);
        await this.context.AuditAsync(cycleId, "cycle.window-closed", who, null, cancellationToken);
    }
}
