using Microsoft.DurableTask;

namespace BrandFlow.Engine.Local.Tests;

/// <summary>Calls <see cref="SayHelloActivity"/> for three names in sequence.</summary>
public sealed class GreetingOrchestrator : TaskOrchestrator<string, string>
{
    /// <inheritdoc/>
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var greetings = new List<string>();
        foreach (var name in new[] { $"{input}-1", $"{input}-2", $"{input}-3" })
        {
            greetings.Add(await context.CallActivityAsync<string>(nameof(SayHelloActivity), name));
        }

        return string.Join(", ", greetings);
    }
}
