using Microsoft.DurableTask;

namespace BrandFlow.Engine.Bench.Tasks;

/// <summary>Starts <c>input</c> <see cref="EchoActivity"/> calls at once and waits for all of them.</summary>
internal sealed class FanOutOrchestrator : TaskOrchestrator<int, int>
{
    /// <inheritdoc/>
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var calls = Enumerable.Range(0, input).Select(i => context.CallActivityAsync<int>(nameof(EchoActivity), i)).ToList();
        var results = await Task.WhenAll(calls);
        BenchProgress.Shared.Complete(context.IsReplaying);
        return results.Length;
    }
}
