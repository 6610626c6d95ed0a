using Microsoft.DurableTask;

namespace BrandFlow.Engine.Local.Tests;

/// <summary>Counts up to <see cref="Target"/> by continuing as new once per step.</summary>
public sealed class CounterOrchestrator : TaskOrchestrator<int, int>
{
    /// <summary>The generation at which the orchestrator completes.</summary>
    public const int Target = 3;

    /// <inheritdoc/>
    public override Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        if (input < Target)
        {
            context.ContinueAsNew(input + 1);
        }

        return Task.FromResult(input);
    }
}
