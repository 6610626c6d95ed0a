using Azure;
using BrandFlow.Durable.AzureStorage.Storage;
using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;

namespace BrandFlow.Durable.AzureStorage;

/// <summary>Outbox sweep, delayed deletes of sent outbox rows, and failing instances whose messages are poison.</summary>
public sealed partial class AzureStorageOrchestrationService
{
    private readonly Lock maintenanceGate = new();
    private DateTimeOffset nextMaintenance;
    private DateTimeOffset nextSentOutboxFlush;
    private bool maintenanceRunning;

    /// <summary>
    /// One maintenance pass: deletes sent outbox rows that no later commit removed, and re-sends (then deletes) outbox
    /// rows older than <see cref="AzureStorageOrchestrationServiceOptions.OutboxResendAfter"/>, which a process that
    /// died between commit and send left behind. Polling workers run it on their own; a Functions app calls it from a
    /// timer trigger. Returns how many messages were re-sent.
    /// </summary>
    public async Task<int> RunMaintenanceAsync(CancellationToken cancellationToken = default)
    {
        await this.FlushSentOutboxAsync(cancellationToken);
        var resent = 0;
        var rows = 0;
        var olderThan = DateTimeOffset.UtcNow - this.options.OutboxResendAfter;
        await foreach (var row in this.store.QueryStaleOutboxAsync(olderThan, cancellationToken))
        {
            var messages = await this.store.ReadOutboxAsync(row, cancellationToken);
            await this.sender.SendAllAsync(messages, cancellationToken);
            await this.store.DeleteRowAsync(row.PartitionKey, row.RowKey, cancellationToken);
            resent += messages.Count;
            rows++;
        }

        if (rows > 0)
        {
            Log.OutboxResent(this.logger, resent, rows);
        }

        return resent;
    }

    /// <summary>Sent outbox rows are deleted well before the sweep would take them for unsent and send them again.</summary>
    private TimeSpan SentOutboxDeleteDelay =>
        this.options.SentOutboxDeleteDelay < this.options.OutboxResendAfter / 2 ? this.options.SentOutboxDeleteDelay : this.options.OutboxResendAfter / 2;

    private async Task FlushSentOutboxAsync(CancellationToken cancellationToken)
    {
        var expired = this.sentOutbox.TakeExpired(this.options.TimeProvider.GetUtcNow() - this.SentOutboxDeleteDelay);
        foreach (var (instanceId, rowKey) in expired)
        {
            await this.store.DeleteRowAsync(instanceId, rowKey, cancellationToken);
        }
    }

    private async Task MaybeRunMaintenanceAsync(CancellationToken cancellationToken)
    {
        var now = this.options.TimeProvider.GetUtcNow();
        bool sweep;
        lock (this.maintenanceGate)
        {
            if (this.maintenanceRunning || (now < this.nextMaintenance && now < this.nextSentOutboxFlush))
            {
                return;
            }

            sweep = now >= this.nextMaintenance;
            this.maintenanceRunning = true;
            this.nextSentOutboxFlush = now + this.SentOutboxDeleteDelay;
            if (sweep)
            {
                this.nextMaintenance = now + this.options.OutboxSweepInterval;
            }
        }

        try
        {
            if (sweep)
            {
                await this.RunMaintenanceAsync(cancellationToken);
            }
            else
            {
                await this.FlushSentOutboxAsync(cancellationToken);
            }
        }
        catch (RequestFailedException ex)
        {
            Log.MaintenanceFailed(this.logger, ex);
        }
        finally
        {
            lock (this.maintenanceGate)
            {
                this.maintenanceRunning = false;
            }
        }
    }

    /// <summary>
    /// Marks a running instance Failed with a reason (appending ExecutionCompleted to its history) and tells its
    /// parent, if any. Retries on concurrent changes; does nothing to a finished or missing instance.
    /// </summary>
    private async Task FailInstanceAsync(string instanceId, string? executionId, string reason, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            this.cache.Remove(instanceId);
            var snapshot = await this.store.LoadAsync(instanceId, cancellationToken);
            if (snapshot.State is not { } state || state.RuntimeStatus.IsTerminal()
                || (executionId is not null && state.ExecutionId != executionId))
            {
                return;
            }

            var now = this.options.TimeProvider.GetUtcNow().UtcDateTime;
            var failure = new TaskFailureDetails("BrandFlow.Durable.PoisonMessage", reason);
            var outbox = new List<TaskMessage>();
            if (snapshot.History.Count > 0 && snapshot.History[0] is ExecutionStartedEvent { ParentInstance: { } parent })
            {
                var failed = new SubOrchestrationInstanceFailedEvent { TaskScheduledId = parent.TaskScheduledId, FailureDetails = failure, Timestamp = now };
                outbox.Add(TaskMessage.Create(parent.InstanceId, parent.ExecutionId, failed));
            }

            var plan = new CommitPlan
            {
                ExecutionId = state.ExecutionId,
                NewEvents = [new ExecutionCompletedEvent { Status = OrchestrationRuntimeStatus.Failed, FailureDetails = failure, Timestamp = now }],
                State = state with { RuntimeStatus = OrchestrationRuntimeStatus.Failed, FailureDetails = failure, LastUpdatedAt = now, CompletedAt = now },
                Outbox = outbox,
            };
            try
            {
                var committed = await this.store.CommitAsync(snapshot, plan, cancellationToken);
                await this.sender.SendAllAsync(outbox, cancellationToken);
                if (outbox.Count > 0)
                {
                    await this.store.DeleteRowAsync(instanceId, TableRows.OutboxRowKey(committed.Generation), cancellationToken);
                }

                Log.InstanceFailed(this.logger, instanceId, reason);
                return;
            }
            catch (InstanceConflictException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * (attempt + 1)), cancellationToken);
            }
        }
    }
}
