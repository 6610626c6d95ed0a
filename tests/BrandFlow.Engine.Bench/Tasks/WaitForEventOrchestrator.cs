using Microsoft.DurableTask;

namespace BrandFlow.Engine.Bench.Tasks;

/// <summary>Waits for one <see cref="EventName"/> event and completes with its payload.</summary>
internal sealed class WaitForEventOrchestrator : TaskOrchestrator<int, int>
{
    /// <summary>The event the benchmark raises.</summary>
    public const string EventName = "go";

    /// <inheritdoc/>
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var wait = context.WaitForExternalEvent<int>(EventName);
        BenchProgress.Shared.Wait(context.IsReplaying);
        var value = await wait;
        BenchProgress.Shared.Complete(context.IsReplaying);
        return value + input;
    }
}
