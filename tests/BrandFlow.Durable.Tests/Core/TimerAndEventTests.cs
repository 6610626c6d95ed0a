using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;
using BrandFlow.Durable.Tests.TestSupport;

namespace BrandFlow.Durable.Tests.Core;

public sealed class TimerAndEventTests
{
    [Fact]
    public async Task CreateTimer_ThirtyDays_FiresOnlyWhenFakeClockPassesDueTime()
    {
        var host = new TestHost();
        host.Registry.AddOrchestratorFunc<int, DateTime>("Wait30", async (ctx, _) =>
        {
            await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(30), CancellationToken.None);
            return ctx.CurrentUtcDateTime;
        });
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait30", 0);
        await host.DrainAsync();

        await host.AdvanceAsync(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1));
        OrchestrationMetadata waiting = (await host.Client.GetInstanceAsync(id))!;
        await host.AdvanceAsync(TimeSpan.FromSeconds(1));
        OrchestrationMetadata done = (await host.Client.GetInstanceAsync(id, true))!;

        Assert.Equal(OrchestrationRuntimeStatus.Running, waiting.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(TestHost.Epoch.UtcDateTime.AddDays(30), done.ReadOutputAs<DateTime>());
    }

    [Fact]
    public async Task CreateTimer_CancelledToken_AwaitingCodeSeesCancellation()
    {
        var host = new TestHost();
        host.Registry.AddOrchestratorFunc<int, string>("Cancel", async (ctx, _) =>
        {
            using var cts = new CancellationTokenSource();
            Task timer = ctx.CreateTimer(TimeSpan.FromDays(1), cts.Token);
            cts.Cancel();
            try
            {
                await timer;
                return "fired";
            }
            catch (TaskCanceledException)
            {
                return "cancelled";
            }
        });

        OrchestrationMetadata result = await host.RunAsync("Cancel", 0);

        Assert.Equal("cancelled", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_EventRaised_ReturnsTypedPayload()
    {
        var host = new TestHost();
        host.Registry.AddOrchestratorFunc<int, string>("Approve", async (ctx, _) =>
        {
            Decision decision = await ctx.WaitForExternalEvent<Decision>("Decision");
            return $"{decision.Approved}:{decision.Reviewer}";
        });
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approve", 0);
        await host.DrainAsync();

        await host.Client.RaiseEventAsync(id, "decision", new Decision(true, "wang"));
        await host.DrainAsync();

        Assert.Equal("True:wang", (await host.Client.GetInstanceAsync(id, true))!.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_EventArrivesBeforeWait_IsBufferedAndDelivered()
    {
        var host = new TestHost();
        host.Registry.AddOrchestratorFunc<int, int>("Late", async (ctx, _) =>
        {
            await ctx.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
            int first = await ctx.WaitForExternalEvent<int>("Amount");
            int second = await ctx.WaitForExternalEvent<int>("Amount");
            return (first * 10) + second;
        });
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Late", 0);
        await host.DrainAsync();
        await host.Client.RaiseEventAsync(id, "Amount", 4);
        await host.Client.RaiseEventAsync(id, "Amount", 2);
        await host.DrainAsync();

        await host.AdvanceAsync(TimeSpan.FromHours(1));

        OrchestrationMetadata result = (await host.Client.GetInstanceAsync(id, true))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(42, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task WaitForExternalEvent_TimeoutPasses_ThrowsTaskCanceled()
    {
        var host = new TestHost();
        host.Registry.AddOrchestratorFunc<int, string>("Timeout", async (ctx, _) =>
        {
            try
            {
                return await ctx.WaitForExternalEvent<string>("Reply", TimeSpan.FromDays(7));
            }
            catch (TaskCanceledException)
            {
                return "timed out";
            }
        });
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Timeout", 0);
        await host.DrainAsync();

        await host.AdvanceAsync(TimeSpan.FromDays(7));
        await host.Client.RaiseEventAsync(id, "Reply", "too late");
        await host.DrainAsync();

        Assert.Equal("timed out", (await host.Client.GetInstanceAsync(id, true))!.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_EventBeforeTimeout_ReturnsEventAndTimerIsHarmless()
    {
        var host = new TestHost();
        host.Registry.AddOrchestratorFunc<int, string>("Timeout", (ctx, _) => ctx.WaitForExternalEvent<string>("Reply", TimeSpan.FromDays(7)));
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Timeout", 0);
        await host.DrainAsync();

        await host.Client.RaiseEventAsync(id, "Reply", "yes");
        await host.DrainAsync();
        await host.AdvanceAsync(TimeSpan.FromDays(8));

        OrchestrationMetadata result = (await host.Client.GetInstanceAsync(id, true))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("yes", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_TokenCancelled_ThrowsAndLaterEventIsBuffered()
    {
        var host = new TestHost();
        host.Registry.AddOrchestratorFunc<int, string>("CancelWait", async (ctx, _) =>
        {
            using var cts = new CancellationTokenSource();
            Task<string> wait = ctx.WaitForExternalEvent<string>("E", cts.Token);
            cts.Cancel();
            string prefix = wait.IsCanceled ? "cancelled; " : "not cancelled; ";
            return prefix + await ctx.WaitForExternalEvent<string>("E");
        });
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("CancelWait", 0);
        await host.DrainAsync();

        await host.Client.RaiseEventAsync(id, "E", "second wait got it");
        await host.DrainAsync();

        Assert.Equal("cancelled; second wait got it", (await host.Client.GetInstanceAsync(id, true))!.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SendEvent_ToWaitingInstance_DeliversPayloadAndRecordsEventSent()
    {
        var host = new TestHost();
        host.Registry.AddOrchestratorFunc<int, int>("Receiver", (ctx, _) => ctx.WaitForExternalEvent<int>("Ping"));
        host.Registry.AddOrchestratorFunc<string, bool>("Sender", (ctx, target) =>
        {
            ctx.SendEvent(target, "Ping", 7);
            return Task.FromResult(true);
        });
        string receiver = await host.Client.ScheduleNewOrchestrationInstanceAsync("Receiver", 0);
        await host.DrainAsync();

        OrchestrationMetadata sender = await host.RunAsync("Sender", receiver);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, sender.RuntimeStatus);
        Assert.Equal(7, (await host.Client.GetInstanceAsync(receiver, true))!.ReadOutputAs<int>());
        IReadOnlyList<HistoryEvent> history = await host.Client.GetHistoryAsync(sender.InstanceId);
        EventSentEvent sent = Assert.Single(history.OfType<EventSentEvent>());
        Assert.Equal(receiver, sent.InstanceId);
    }

    [Fact]
    public async Task SetCustomStatus_DuringRun_VisibleToClient()
    {
        var host = new TestHost();
        host.Registry.AddOrchestratorFunc<int, int>("Status", async (ctx, _) =>
        {
            ctx.SetCustomStatus(new { stage = "waiting for reviewer" });
            return await ctx.WaitForExternalEvent<int>("Go");
        });
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Status", 0);
        await host.DrainAsync();

        OrchestrationMetadata metadata = (await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!;

        Assert.Equal("{\"stage\":\"waiting for reviewer\"}", metadata.SerializedCustomStatus);
    }

    private sealed record Decision(bool Approved, string Reviewer);
}
