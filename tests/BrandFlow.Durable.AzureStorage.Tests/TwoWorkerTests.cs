using System.Globalization;
using BrandFlow.Durable.Client;

namespace BrandFlow.Durable.AzureStorage.Tests;

public sealed class TwoWorkerTests
{
    [Fact]
    public async Task TwoWorkers_200Orchestrations_NoneLostNoneDoubledHistoriesValid()
    {
        var hub = AzuriteStorage.UniqueHub("two");
        var scenarios = new Scenarios();
        await using var first = await WorkerHost.StartAsync(hub, scenarios);
        await using var second = await WorkerHost.StartAsync(hub, scenarios);
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        var starts = new List<(string Name, int Input, string Id)>();
        for (var i = 0; i < 100; i++)
        {
            starts.Add(("Chain", 4, $"chain-{i:D3}"));
            expected[$"chain-{i:D3}"] = "4";
        }

        for (var i = 0; i < 50; i++)
        {
            starts.Add(("FanOut", 6, $"fan-{i:D3}"));
            expected[$"fan-{i:D3}"] = Scenarios.FanOutResult(6).ToString(CultureInfo.InvariantCulture);
            starts.Add(("Approval", i, $"event-{i:D3}"));
            expected[$"event-{i:D3}"] = (i + 10 + 1).ToString(CultureInfo.InvariantCulture);
        }

        await Parallel.ForEachAsync(starts.Select((s, index) => (s, index)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, ct) =>
        {
            var client = item.index % 2 == 0 ? first.Client : second.Client;
            await client.ScheduleNewOrchestrationInstanceAsync(item.s.Name, item.s.Input, new StartOrchestrationOptions(item.s.Id), ct);
            if (item.s.Name == "Approval")
            {
                await client.RaiseEventAsync(item.s.Id, "approve", 10, ct);
            }
        });

        var done = await first.WaitForAllAsync(expected.Keys, TimeSpan.FromSeconds(150));
        foreach (var (id, output) in expected)
        {
            Assert.True(done[id].RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{id} is {done[id].RuntimeStatus}: {done[id].FailureDetails}");
            Assert.Equal(output, done[id].Output);
            HistoryAssert.Valid(id, await second.Service.GetHistoryAsync(id, CancellationToken.None));
        }

        Assert.Equal(100 * 4 + (50 * 6) + 50, scenarios.Ledger.Count);
        Assert.True(first.Worker.OrchestrationDispatcher.EpisodeCount > 0 && second.Worker.OrchestrationDispatcher.EpisodeCount > 0, "both workers should have taken part");
        await first.Worker.StopAsync();
        await second.Worker.StopAsync();
        await first.Service.DeleteAllAsync();
    }
}
