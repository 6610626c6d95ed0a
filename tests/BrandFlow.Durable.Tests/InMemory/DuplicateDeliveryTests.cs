using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;
using BrandFlow.Durable.InMemory;
using BrandFlow.Durable.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace BrandFlow.Durable.Tests.InMemory;

public sealed class DuplicateDeliveryTests
{
    [Fact]
    public async Task ProcessOrchestrationWorkItemAsync_DuplicateCompletionsAndEvents_AppliedOnce()
    {
        var host = new TestHost();
        int runs = 0;
        host.Registry.AddActivityFunc<int, int>("Price", (_, x) =>
        {
            runs++;
            return Task.FromResult(x * 100);
        });
        host.Registry.AddOrchestratorFunc<int, int>("Dup", async (ctx, x) =>
        {
            int price = await ctx.CallActivityAsync<int>("Price", x);
            int first = await ctx.WaitForExternalEvent<int>("e");
            int second = await ctx.WaitForExternalEvent<int>("e");
            return price + (first * 10) + second;
        });
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Dup", 1);
        OrchestrationWorkItem start = (await host.Backend.LockNextOrchestrationWorkItemAsync(CancellationToken.None))!;
        await host.Orchestrations.ProcessOrchestrationWorkItemAsync(start);
        ActivityWorkItem activity = (await host.Backend.LockNextActivityWorkItemAsync(CancellationToken.None))!;
        await host.Activities.ProcessActivityWorkItemAsync(activity);

        // Redeliver the activity message (it runs again), and forge a late completion for the same step.
        await host.Backend.SendMessageAsync(activity.Message, CancellationToken.None);
        var forged = new TaskCompletedEvent { TaskScheduledId = activity.Message.Event.EventId, Result = "999" };
        await host.Backend.SendMessageAsync(TaskMessage.Create(id, activity.Message.ExecutionId, forged), CancellationToken.None);
        TaskMessage eventMessage = TaskMessage.Create(id, null, new EventRaisedEvent { Name = "e", Input = "4" });
        await host.Backend.SendMessageAsync(eventMessage, CancellationToken.None);
        await host.Backend.SendMessageAsync(eventMessage, CancellationToken.None);
        await host.DrainAsync();
        await host.Backend.SendMessageAsync(eventMessage, CancellationToken.None);
        await host.DrainAsync();
        OrchestrationRuntimeStatus afterDuplicates = (await host.Client.GetInstanceAsync(id))!.RuntimeStatus;

        await host.Client.RaiseEventAsync(id, "e", 2);
        await host.DrainAsync();

        Assert.Equal(OrchestrationRuntimeStatus.Running, afterDuplicates);
        Assert.Equal(2, runs);
        OrchestrationMetadata result = (await host.Client.GetInstanceAsync(id, true))!;
        Assert.Equal(142, result.ReadOutputAs<int>());
        IReadOnlyList<HistoryEvent> history = await host.Client.GetHistoryAsync(id);
        Assert.Single(history.OfType<TaskCompletedEvent>());
        Assert.Equal(2, history.OfType<EventRaisedEvent>().Count());
    }

    [Fact]
    public async Task ProcessOrchestrationWorkItemAsync_DuplicateStartMessage_DoesNotRestart()
    {
        var host = new TestHost();
        int starts = 0;
        host.Registry.AddOrchestratorFunc<int, int>("Once", async (ctx, _) =>
        {
            if (!ctx.IsReplaying)
            {
                starts++;
            }

            return await ctx.WaitForExternalEvent<int>("go");
        });
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Once", 0);
        OrchestrationWorkItem first = (await host.Backend.LockNextOrchestrationWorkItemAsync(CancellationToken.None))!;
        await host.Orchestrations.ProcessOrchestrationWorkItemAsync(first);

        await host.Backend.SendMessageAsync(first.NewMessages[0], CancellationToken.None);
        await host.DrainAsync();

        Assert.Equal(1, starts);
        Assert.Single((await host.Client.GetHistoryAsync(id)).OfType<ExecutionStartedEvent>());
        Assert.Equal(0, host.Backend.OrchestrationQueueLength);
    }

    [Fact]
    public async Task ProcessOrchestrationWorkItemAsync_MessageForOldExecution_Dropped()
    {
        var host = new TestHost();
        host.Registry.AddOrchestratorFunc<int, int>("Wait", (ctx, _) => ctx.WaitForExternalEvent<int>("go"));
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait", 0);
        await host.DrainAsync();

        var stale = new EventRaisedEvent { Name = "go", Input = "1" };
        await host.Backend.SendMessageAsync(TaskMessage.Create(id, "some-old-execution", stale), CancellationToken.None);
        await host.DrainAsync();

        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Fact]
    public async Task ProcessOrchestrationWorkItemAsync_PoisonMessage_FailsInstanceWithReason()
    {
        var clock = new FakeTimeProvider(TestHost.Epoch);
        var host = new TestHost(backend: new InMemoryOrchestrationService(clock) { LockTimeout = TimeSpan.FromMinutes(1), MaxDeliveryCount = 2 }, clock: clock);
        host.Registry.AddOrchestratorFunc<int, int>("Wait", (ctx, _) => ctx.WaitForExternalEvent<int>("go"));
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait", 0);
        await host.DrainAsync();
        await host.Client.RaiseEventAsync(id, "go", 1);

        for (int i = 0; i < 2; i++)
        {
            OrchestrationWorkItem abandoned = (await host.Backend.LockNextOrchestrationWorkItemAsync(CancellationToken.None))!;
            await host.Backend.AbandonOrchestrationWorkItemAsync(abandoned, TimeSpan.Zero, AbandonReason.Failure, CancellationToken.None);
        }

        await host.DrainAsync();

        OrchestrationMetadata result = (await host.Client.GetInstanceAsync(id))!;
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal("PoisonMessage", result.FailureDetails!.ErrorType);
        Assert.Contains("3 times", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessOrchestrationWorkItemAsync_MessagesAfterCompletionInSameBatch_NotRecorded()
    {
        var host = new TestHost();
        host.Registry.AddOrchestratorFunc<int, int>("One", (ctx, _) => ctx.WaitForExternalEvent<int>("a"));
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("One", 0);
        await host.DrainAsync();

        await host.Client.RaiseEventAsync(id, "a", 1);
        await host.Client.RaiseEventAsync(id, "b", 2);
        await host.Client.TerminateInstanceAsync(id, "late");
        await host.DrainAsync();

        OrchestrationMetadata result = (await host.Client.GetInstanceAsync(id, true))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        IReadOnlyList<HistoryEvent> history = await host.Client.GetHistoryAsync(id);
        Assert.Single(history.OfType<EventRaisedEvent>());
        Assert.Empty(history.OfType<ExecutionTerminatedEvent>());
        Assert.Equal(0, host.Backend.OrchestrationQueueLength);
    }
}
