using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;
using BrandFlow.Durable.Tests.TestSupport;

namespace BrandFlow.Durable.Tests.Core;

public sealed class ReplayEngineTests
{
    [Fact]
    public async Task CallActivityAsync_ChainOfThree_CompletesWithComposedOutput()
    {
        var host = new TestHost();
        host.Registry.AddActivityFunc<string, string>("Append", (_, s) => Task.FromResult(s + "!"));
        host.Registry.AddOrchestratorFunc<string, string>("Chain", async (ctx, input) =>
        {
            string a = await ctx.CallActivityAsync<string>("Append", input);
            string b = await ctx.CallActivityAsync<string>("Append", a);
            return await ctx.CallActivityAsync<string>("Append", b);
        });

        OrchestrationMetadata result = await host.RunAsync("Chain", "hi");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("hi!!!", result.ReadOutputAs<string>());
        IReadOnlyList<HistoryEvent> history = await host.Client.GetHistoryAsync(result.InstanceId);
        Assert.Equal(3, history.OfType<TaskScheduledEvent>().Count());
        Assert.Equal(3, history.OfType<TaskCompletedEvent>().Count());
        Assert.Single(history.OfType<ExecutionCompletedEvent>());
    }
}
