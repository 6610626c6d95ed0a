using BrandFlow.Functions.Maintenance;
using BrandFlow.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace BrandFlow.Functions.Tests;

/// <summary>The history purge timer.</summary>
public sealed class MaintenanceFunctionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 19, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Purge_RemovesOnlyFinishedInstancesOlderThanTheRetention()
    {
        var client = Substitute.For<DurableTaskClient>("test");
        client.PurgeAllInstancesAsync(Arg.Any<PurgeInstancesFilter>(), Arg.Any<CancellationToken>()).Returns(new PurgeResult(7));
        var options = new BrandFlowOptions { Maintenance = { WorkflowHistoryDays = 30 } };

        await new MaintenanceFunctions(options, new FakeTimeProvider(Now), NullLogger<MaintenanceFunctions>.Instance)
            .PurgeWorkflowHistoryAsync(new TimerInfo(), client, CancellationToken.None);

        await client.Received(1).PurgeAllInstancesAsync(
            Arg.Is<PurgeInstancesFilter>(f => f.CreatedFrom == null && f.CreatedTo == Now.AddDays(-30)
                && f.Statuses!.Order().SequenceEqual(new[] { OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated }.Order())),
            Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4000)]
    public async Task Purge_WithAnUnreasonableRetention_RefusesAndPurgesNothing(int days)
    {
        var client = Substitute.For<DurableTaskClient>("test");
        var options = new BrandFlowOptions { Maintenance = { WorkflowHistoryDays = days } };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new MaintenanceFunctions(options, new FakeTimeProvider(Now), NullLogger<MaintenanceFunctions>.Instance)
            .PurgeWorkflowHistoryAsync(new TimerInfo(), client, CancellationToken.None));

        Assert.Contains("WorkflowHistoryDays", error.Message, StringComparison.Ordinal);
        await client.DidNotReceiveWithAnyArgs().PurgeAllInstancesAsync(default!, default);
    }
}
