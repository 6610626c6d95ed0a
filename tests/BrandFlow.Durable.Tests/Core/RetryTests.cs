using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;
using BrandFlow.Durable.Tests.TestSupport;

namespace BrandFlow.Durable.Tests.Core;

public sealed class RetryTests
{
    [Fact]
    public async Task CallActivityAsync_RetryPolicy_RetriesWithExponentialBackoffOnFakeClock()
    {
        var host = new TestHost();
        var attemptTimes = new List<DateTimeOffset>();
        host.Registry.AddActivityFunc<int, int>("Flaky", (_, x) =>
        {
            attemptTimes.Add(host.Clock.GetUtcNow());
            return attemptTimes.Count < 3 ? throw new TimeoutException("treasury busy") : Task.FromResult(x * 2);
        });
        var policy = new RetryPolicy(maxNumberOfAttempts: 4, firstRetryInterval: TimeSpan.FromSeconds(10), backoffCoefficient: 2.0);
        host.Registry.AddOrchestratorFunc<int, int>("Pay", (ctx, x) => ctx.CallActivityAsync<int>("Flaky", x, TaskOptions.FromRetryPolicy(policy)));
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Pay", 21);
        await host.DrainAsync();

        await host.AdvanceAsync(TimeSpan.FromSeconds(9));
        int afterNine = attemptTimes.Count;
        await host.AdvanceAsync(TimeSpan.FromSeconds(1));
        int afterTen = attemptTimes.Count;
        await host.AdvanceAsync(TimeSpan.FromSeconds(19));
        int afterTwentyNine = attemptTimes.Count;
        await host.AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(1, afterNine);
        Assert.Equal(2, afterTen);
        Assert.Equal(2, afterTwentyNine);
        TimeSpan[] offsets = attemptTimes.Select(t => t - TestHost.Epoch).ToArray();
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)], offsets);
        OrchestrationMetadata result = (await host.Client.GetInstanceAsync(id, true))!;
        Assert.Equal(42, result.ReadOutputAs<int>());
        IReadOnlyList<HistoryEvent> history = await host.Client.GetHistoryAsync(id);
        Assert.Equal(3, history.OfType<TaskScheduledEvent>().Count());
        Assert.Equal(2, history.OfType<TimerCreatedEvent>().Count());
    }

    [Fact]
    public async Task CallActivityAsync_RetriesExhausted_FailsWithLastFailure()
    {
        var host = new TestHost();
        int attempts = 0;
        host.Registry.AddActivityFunc<int, int>("AlwaysFails", (_, _) =>
        {
            attempts++;
            throw new InvalidOperationException($"attempt {attempts}");
        });
        var policy = new RetryPolicy(3, TimeSpan.FromMinutes(1));
        host.Registry.AddOrchestratorFunc<int, int>("Pay", (ctx, x) => ctx.CallActivityAsync<int>("AlwaysFails", x, TaskOptions.FromRetryPolicy(policy)));
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Pay", 1);
        await host.DrainAsync();

        await host.AdvanceAsync(TimeSpan.FromMinutes(1));
        await host.AdvanceAsync(TimeSpan.FromMinutes(1));
        await host.AdvanceAsync(TimeSpan.FromMinutes(10));

        OrchestrationMetadata result = (await host.Client.GetInstanceAsync(id))!;
        Assert.Equal(3, attempts);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal("attempt 3", result.FailureDetails!.InnerFailure!.ErrorMessage);
    }

    [Fact]
    public async Task CallActivityAsync_RetryTimeoutElapsed_StopsRetrying()
    {
        var host = new TestHost();
        int attempts = 0;
        host.Registry.AddActivityFunc<int, int>("AlwaysFails", (_, _) =>
        {
            attempts++;
            throw new InvalidOperationException("down");
        });
        var policy = new RetryPolicy(10, TimeSpan.FromMinutes(1), 2.0, retryTimeout: TimeSpan.FromMinutes(2));
        host.Registry.AddOrchestratorFunc<int, int>("Pay", (ctx, x) => ctx.CallActivityAsync<int>("AlwaysFails", x, new TaskOptions(policy)));
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Pay", 1);
        await host.DrainAsync();

        for (int i = 0; i < 10; i++)
        {
            await host.AdvanceAsync(TimeSpan.FromMinutes(1));
        }

        // Attempt 1 at 0, retry at +1 min; the next retry would start at +3 min, past the 2-minute timeout.
        Assert.Equal(2, attempts);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Fact]
    public void GetDelay_LargeRetryNumber_CappedAtMaxInterval()
    {
        var policy = new RetryPolicy(20, TimeSpan.FromSeconds(1), 3.0, maxRetryInterval: TimeSpan.FromMinutes(1));

        Assert.Equal(TimeSpan.FromSeconds(1), policy.GetDelay(1));
        Assert.Equal(TimeSpan.FromSeconds(9), policy.GetDelay(3));
        Assert.Equal(TimeSpan.FromMinutes(1), policy.GetDelay(10));
    }

    [Fact]
    public void Constructor_InvalidArguments_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(0, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(1, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(1, TimeSpan.FromSeconds(1), 0.5));
    }
}
