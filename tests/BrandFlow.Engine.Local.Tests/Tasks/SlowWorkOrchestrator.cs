using Microsoft.DurableTask;

namespace BrandFlow.Engine.Local.Tests;

/// <summary>Calls <see cref="SlowActivity"/> once for the given number of seconds.</summary>
public sealed class SlowWorkOrchestrator : TaskOrchestrator<int, string>
{
    /// <inheritdoc/>
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int input) =>
        await context.CallActivityAsync<string>(nameof(SlowActivity), input);
}
