using Microsoft.DurableTask;

namespace BrandFlow.Engine.Local.Tests;

/// <summary>Runs for the given number of seconds (longer than the queue lock in the lock test).</summary>
public sealed class SlowActivity(ExecutionLog log) : TaskActivity<int, string>
{
    /// <inheritdoc/>
    public override async Task<string> RunAsync(TaskActivityContext context, int input)
    {
        log.Record($"{context.InstanceId}/{context.Name}");
        await Task.Delay(TimeSpan.FromSeconds(input));
        return $"slept {input}s";
    }
}
