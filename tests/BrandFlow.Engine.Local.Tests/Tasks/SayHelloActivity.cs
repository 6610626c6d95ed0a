using Microsoft.DurableTask;

namespace BrandFlow.Engine.Local.Tests;

/// <summary>Greets through the injected <see cref="Greeter"/> and records the execution.</summary>
public sealed class SayHelloActivity(Greeter greeter, ExecutionLog log) : TaskActivity<string, string>
{
    /// <inheritdoc/>
    public override Task<string> RunAsync(TaskActivityContext context, string input)
    {
        log.Record($"{context.InstanceId}/{context.Name}/{input}");
        return Task.FromResult(greeter.Greet(input));
    }
}
