using BrandFlow.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Functions.Maintenance;

/// <summary>
/// Maintenance on timers. The award cycle's own calendar (window opening and closing, review deadlines, the public
/// notice) runs on durable timers inside the AwardCycle and AwardApplication orchestrations, so it needs no timer
/// function; what is left is housekeeping of the task hub.
/// </summary>
public sealed partial class MaintenanceFunctions(BrandFlowOptions options, TimeProvider clock, ILogger<MaintenanceFunctions> logger)
{
    /// <summary>When the history purge runs: daily at 19:00 UTC, 03:00 China Standard Time.</summary>
    public const string PurgeSchedule = "0 0 19 * * *";

    /// <summary>
    /// Purges the durable history of workflow instances that finished (completed, failed, terminated) and were created
    /// more than BrandFlow:Maintenance:WorkflowHistoryDays ago. Running instances are never touched.
    /// </summary>
    [Function("maintenance-purge-workflow-history")]
    public async Task PurgeWorkflowHistoryAsync(
        [TimerTrigger(PurgeSchedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var days = options.Maintenance.WorkflowHistoryDays;
        if (days is < 1 or > 3650)
        {
            throw new InvalidOperationException($"BrandFlow:Maintenance:WorkflowHistoryDays must be between 1 and 3650 (is {days})");
        }

        var before = clock.GetUtcNow() - TimeSpan.FromDays(days);
        var filter = new PurgeInstancesFilter(
            CreatedFrom: null,
            CreatedTo: before,
            Statuses: [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated]);
        var result = await client.PurgeAllInstancesAsync(filter, cancellationToken);
        LogPurged(logger, result.PurgedInstanceCount, before);
    }

    [LoggerMessage(EventId = 8200, Level = LogLevel.Information, Message = "Purged the history of {Count} finished workflow instances created before {Before:O}")]
    private static partial void LogPurged(ILogger logger, int count, DateTimeOffset before);
}
