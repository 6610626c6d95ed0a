using Azure.Data.Tables;
using Microsoft.DurableTask.Client;

namespace BrandFlow.Engine.Local.Tests;

/// <summary>
/// A host started with a smaller PartitionCount on an existing task hub (the app's default went from 4 to 1) strands
/// nothing: DurableTask.AzureStorage's table partition manager keeps managing every partition the hub's Partitions table
/// holds.
/// </summary>
public sealed class PartitionCountTests
{
    [Fact]
    public async Task ExistingHub_RestartedWithFewerPartitions_KeepsItsCountAndNoInstanceIsStranded()
    {
        var taskHub = Azurite.UniqueTaskHub();
        var ids = new List<string>();
        await using (var first = await EngineHost.StartAsync(Azurite.ConnectionString, taskHub, options => options.PartitionCount = 4))
        {
            // Enough instances that every one of the four control queues holds some (placement hashes the instance id).
            for (var i = 0; i < 12; i++)
            {
                ids.Add(await first.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), $"p{i}"));
            }

            foreach (var id in ids)
            {
                await first.Client.WaitForInstanceStartAsync(id);
            }
        }

        var partitions = new TableClient(Azurite.ConnectionString, taskHub + "Partitions");
        var rows = 0;
        await foreach (var _ in partitions.QueryAsync<TableEntity>(select: ["RowKey"]))
        {
            rows++;
        }

        Assert.Equal(4, rows);

        // Had the hub shrunk to one control queue, the instances on control queues 01–03 would never be fetched again.
        await using var second = await EngineHost.StartAsync(Azurite.ConnectionString, taskHub, options => options.PartitionCount = 1);
        foreach (var id in ids)
        {
            await second.Client.RaiseEventAsync(id, ApprovalOrchestrator.EventName, "later");
        }

        foreach (var id in ids)
        {
            Assert.EndsWith(":later", (await second.WaitAsync(id, seconds: 60)).ReadOutputAs<string>(), StringComparison.Ordinal);
        }
    }
}
