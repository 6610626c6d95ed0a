using Microsoft.DurableTask;

namespace BrandFlow.Engine.Bench.Tasks;

/// <summary>The benchmark's activity: returns its input plus one, so the cost measured is the engine's alone.</summary>
internal sealed class EchoActivity : TaskActivity<int, int>
{
    /// <inheritdoc/>
    public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input + 1);
}
