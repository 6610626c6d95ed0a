using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;
using Microsoft.DurableTask.Client;

namespace BrandFlow.Awards.Features.Cycles;

/// <summary>One cycle (same visibility as the list; staff also see one just opened, as scheduled).</summary>
public sealed class GetCycleHandler
{
    private readonly AwardsContext context;
    private readonly ListCyclesHandler list;

    /// <summary>Creates the handler.</summary>
    public GetCycleHandler(AwardsContext context)
    {
        this.context = context ?? throw new ArgumentNullException(nameof(context));
        this.list = new ListCyclesHandler(context);
    }

    /// <summary>The cycle, or not found.</summary>
    public async Task<CycleRecord> HandleAsync(UserAccount? actor, string cycleId, CancellationToken cancellationToken = default)
    {
        var visible = await this.list.VisibleAsync(UseCase.GetCycle, actor, cancellationToken);
        if (visible.FirstOrDefault(c => c.Definition.CycleId == cycleId) is { } cycle)
        {
            return cycle;
        }

        // Just opened: the cycle's orchestration writes its read model when it first runs, a moment after the
        // administrator's request. Staff see it meanwhile as scheduled, from the orchestration's own input.
        if (AccessPolicy.SeesAll(UseCase.GetCycle, actor!) && !string.IsNullOrWhiteSpace(cycleId)
            && await this.context.Client.GetInstanceAsync(cycleId, getInputsAndOutputs: true, cancellationToken) is { Name: WorkflowNames.Cycle, RuntimeStatus: OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running } instance
            && instance.ReadInputAs<CycleDefinition>() is { } definition)
        {
            return new CycleRecord(definition, CycleStatus.Scheduled, instance.CreatedAt);
        }

        throw AwardsErrors.NotFound("申报年度", "cycle", cycleId);
    }
}
