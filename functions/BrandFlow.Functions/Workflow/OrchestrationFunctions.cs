using BrandFlow.Awards.Model;
using BrandFlow.Awards.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace BrandFlow.Functions.Workflow;

/// <summary>
/// The award workflow's orchestrators as orchestration functions, each under its contract name: every function hands
/// its context and input to the orchestrator class the local engine runs too (the <c>[DurableTask]</c> source
/// generator, which would write these, is not available).
/// </summary>
public static class OrchestrationFunctions
{
    /// <summary>One application, submission to payout.</summary>
    [Function(WorkflowNames.Application)]
    public static Task<ApplicationStatus> RunApplicationAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        RunAsync(new AwardApplicationOrchestrator(), context);

    /// <summary>One department's review of an application (a sub-orchestration).</summary>
    [Function(WorkflowNames.DepartmentReview)]
    public static Task<ReviewResult> RunDepartmentReviewAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        RunAsync(new DepartmentReviewOrchestrator(), context);

    /// <summary>An annual cycle, opened to closed.</summary>
    [Function(WorkflowNames.Cycle)]
    public static Task<CycleReport> RunCycleAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        RunAsync(new AwardCycleOrchestrator(), context);

    /// <summary>The cycle's settlement watcher of a phase (a sub-orchestration).</summary>
    [Function(AwardWorkflow.CycleSettlement)]
    public static Task<int> RunCycleSettlementAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        RunAsync(new CycleSettlementOrchestrator(), context);

    /// <summary>Runs <paramref name="orchestrator"/> on the input the orchestration was started with.</summary>
    internal static Task<TOut> RunAsync<TIn, TOut>(TaskOrchestrator<TIn, TOut> orchestrator, TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<TIn>() ?? throw new InvalidOperationException($"Orchestration {context.Name} ({context.InstanceId}) has no input");
        return orchestrator.RunAsync(context, input);
    }
}
