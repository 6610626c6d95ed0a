using Microsoft.DurableTask;

namespace BrandFlow.Engine.Local.Tests;

/// <summary>Waits for the external event <see cref="EventName"/> and returns its payload.</summary>
public sealed class ApprovalOrchestrator : TaskOrchestrator<string, string>
{
    /// <summary>The event the orchestrator waits for.</summary>
    public const string EventName = "approval";

    /// <inheritdoc/>
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var decision = await context.WaitForExternalEvent<string>(EventName);
        return $"{input}:{decision}";
    }
}
