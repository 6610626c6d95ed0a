using Microsoft.DurableTask;

namespace BrandFlow.Engine.Local.Tests;

/// <summary>Runs <see cref="GreetingOrchestrator"/> as a tagged sub-orchestration (the tags exercise defect 1).</summary>
public sealed class ParentOrchestrator : TaskOrchestrator<string, string>
{
    /// <inheritdoc/>
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var options = new SubOrchestrationOptions(new TaskOptions(retry: null, tags: new Dictionary<string, string> { ["case"] = input }), $"{context.InstanceId}-child");
        var child = await context.CallSubOrchestratorAsync<string>(nameof(GreetingOrchestrator), input, options);
        return $"parent({child})";
    }
}
