using Microsoft.DurableTask;

namespace BrandFlow.Engine.Local.Tests;

/// <summary>Waits on a durable timer for the given number of seconds and returns the replay-safe elapsed time.</summary>
public sealed class TimerOrchestrator : TaskOrchestrator<int, double>
{
    /// <inheritdoc/>
    public override async Task<double> RunAsync(TaskOrchestrationContext context, int input)
    {
        var start = context.CurrentUtcDateTime;
        await context.CreateTimer(TimeSpan.FromSeconds(input), CancellationToken.None);
        return (context.CurrentUtcDateTime - start).TotalSeconds;
    }
}
