using Microsoft.DurableTask;

namespace BrandFlow.Engine.Bench.Tasks;

/// <summary>Calls <see cref="EchoActivity"/> <c>input</c> times in sequence.</summary>
internal sealed class ChainOrchestrator : TaskOrchestrator<int, int>
{
    /// <inheritdoc/>
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var value = 0;
        for (var i = 0; i < input; i++)
        {
            value = await context.CallActivityAsync<int>(nameof(EchoActivity), value);
        }

        BenchProgress.Shared.Complete(context.IsReplaying);
        return value;
    }
}
