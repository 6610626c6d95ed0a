using Azure.Data.Tables;
using BrandFlow.Durable.Client;

namespace BrandFlow.Durable.AzureStorage.Tests;

public sealed class TwoProcessTests
{
    [Fact]
    public async Task TwoWorkerProcesses_200Orchestrations_NoneLostNoneDoubledHistoriesValid()
    {
        var hub = AzuriteStorage.UniqueHub("procs");
        var service = await AzuriteStorage.CreateServiceAsync(hub);
        var client = new DurableTaskClient(service);
        await using var first = WorkerProcessHandle.Start(hub);
        await using var second = WorkerProcessHandle.Start(hub);

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
            expected[$"fan-{i:D3}"] = "21";
            starts.Add(("WaitForGo", 1, $"event-{i:D3}"));
            expected[$"event-{i:D3}"] = (1 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await Parallel.ForEachAsync(starts, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (start, ct) =>
        {
            await client.ScheduleNewOrchestrationInstanceAsync(start.Name, start.Input, new StartOrchestrationOptions(start.Id), ct);
            if (start.Name == "WaitForGo")
            {
                await client.RaiseEventAsync(start.Id, "go", int.Parse(start.Id[6..], System.Globalization.CultureInfo.InvariantCulture), ct);
            }
        });

        var done = await WorkerHost.WaitForAllAsync(service, expected.Keys, TimeSpan.FromSeconds(150));
        foreach (var (id, output) in expected)
        {
            Assert.True(done[id].RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{id} is {done[id].RuntimeStatus}: {done[id].FailureDetails}");
            Assert.Equal(output, done[id].Output);
            HistoryAssert.Valid(id, await service.GetHistoryAsync(id, CancellationToken.None));
        }

        // Each activity call recorded its effect once (insert-if-absent by idempotency key), from both processes.
        var ledger = service.Clients.Tables.GetTableClient(hub + "ledger").Query<TableEntity>().ToList();
        Assert.Equal((100 * 4) + (50 * 6), ledger.Count);
        Assert.Equal(
            new[] { first.Id, second.Id }.Order(),
            ledger.Select(e => e.GetInt32("ProcessId")!.Value).Distinct().Order());
        await service.Clients.Tables.DeleteTableAsync(hub + "ledger");
        await service.DeleteAllAsync();
    }
}
