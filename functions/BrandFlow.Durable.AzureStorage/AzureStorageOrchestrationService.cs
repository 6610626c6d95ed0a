using Azure.Data.Tables;
using Azure.Storage.Queues;
using BrandFlow.Durable.AzureStorage.Storage;
using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BrandFlow.Durable.AzureStorage;

/// <summary>
/// The durable runtime's backend on Azure Storage: instance rows, history and outbox in one table (one partition per
/// instance), orchestration and activity messages in two Base64 queues, large payloads in a blob container.
/// Safe for any number of workers in any number of processes.
/// </summary>
public sealed partial class AzureStorageOrchestrationService : IOrchestrationService, IOrchestrationServiceLifecycle, IOrchestrationServiceClient
{
    private readonly AzureStorageOrchestrationServiceOptions options;
    private readonly ILogger logger;
    private readonly InstanceStore store;
    private readonly PayloadStore payloads;
    private readonly MessageCodec codec;
    private readonly OutboundSender sender;
    private readonly QueueClient controlQueue;
    private readonly QueueClient workItemQueue;
    private readonly QueueClient controlPoisonQueue;
    private readonly QueueClient workItemPoisonQueue;
    private readonly ControlQueueReader controlReader;
    private readonly StateCache cache;
    private readonly SentOutboxRegistry sentOutbox = new();

    /// <summary>Creates the backend over one storage account's clients.</summary>
    public AzureStorageOrchestrationService(StorageClients clients, AzureStorageOrchestrationServiceOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
        this.logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<AzureStorageOrchestrationService>();
        this.Clients = clients;
        this.payloads = new PayloadStore(clients.Blobs.GetBlobContainerClient(options.PayloadContainerName));
        this.store = new InstanceStore(clients.Tables.GetTableClient(options.TableName), this.payloads);
        this.codec = new MessageCodec(this.payloads);
        this.controlQueue = clients.Queues.GetQueueClient(options.ControlQueueName);
        this.workItemQueue = clients.Queues.GetQueueClient(options.WorkItemQueueName);
        this.controlPoisonQueue = clients.Queues.GetQueueClient(options.ControlQueueName + "-poison");
        this.workItemPoisonQueue = clients.Queues.GetQueueClient(options.WorkItemQueueName + "-poison");
        this.sender = new OutboundSender(this.controlQueue, this.workItemQueue, this.codec, options);
        this.controlReader = new ControlQueueReader(this.controlQueue, options, (raw, ct) => this.ScreenAsync(this.controlQueue, raw, ct));
        this.cache = new StateCache(options.StateCacheSize);
        this.nextMaintenance = options.TimeProvider.GetUtcNow() + options.OutboxSweepInterval;
    }

    /// <summary>The storage clients (and their transaction counter).</summary>
    public StorageClients Clients { get; }

    /// <summary>The options in use.</summary>
    public AzureStorageOrchestrationServiceOptions Options => this.options;

    /// <summary>The instance table.</summary>
    public TableClient Table => this.store.Table;

    /// <summary>The queue of orchestration messages.</summary>
    public QueueClient ControlQueue => this.controlQueue;

    /// <summary>The queue of activity messages.</summary>
    public QueueClient WorkItemQueue => this.workItemQueue;

    /// <summary>Where control messages go after too many deliveries.</summary>
    public QueueClient ControlPoisonQueue => this.controlPoisonQueue;

    /// <summary>Where activity messages go after too many deliveries.</summary>
    public QueueClient WorkItemPoisonQueue => this.workItemPoisonQueue;

    /// <summary>The payload blob store.</summary>
    public PayloadStore Payloads => this.payloads;

    /// <summary>The poison limit: <see cref="AzureStorageOrchestrationServiceOptions.MaxDequeueCount"/>.</summary>
    public int MaxDeliveryCount => this.options.MaxDequeueCount;

    /// <summary>Number of instance snapshots held in memory.</summary>
    public int CachedInstanceCount => this.cache.Count;

    /// <summary>Creates the table, queues and container if they do not exist.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        await this.store.Table.CreateIfNotExistsAsync(cancellationToken);
        await this.controlQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await this.workItemQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await this.controlPoisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await this.workItemPoisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await this.payloads.CreateIfNotExistsAsync(cancellationToken);
    }

    /// <summary>Deletes the table, queues and container of the task hub (tests and benchmarks).</summary>
    public async Task DeleteAllAsync(CancellationToken cancellationToken = default)
    {
        await this.store.Table.DeleteAsync(cancellationToken);
        await this.controlQueue.DeleteIfExistsAsync(cancellationToken);
        await this.workItemQueue.DeleteIfExistsAsync(cancellationToken);
        await this.controlPoisonQueue.DeleteIfExistsAsync(cancellationToken);
        await this.workItemPoisonQueue.DeleteIfExistsAsync(cancellationToken);
        await this.Clients.Blobs.GetBlobContainerClient(this.options.PayloadContainerName).DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken)
    {
        await this.MaybeRunMaintenanceAsync(cancellationToken);
        var next = await this.controlReader.TakeNextAsync(cancellationToken);
        if (next is not { } taken)
        {
            return null;
        }

        try
        {
            return await this.BuildWorkItemAsync(taken.InstanceId, taken.Messages, hostOwned: false, cancellationToken);
        }
        catch
        {
            this.controlReader.Return(taken.Messages);
            this.controlReader.Release(taken.InstanceId);
            throw;
        }
    }

    /// <inheritdoc/>
    public async Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(commit);
        var token = (OrchestrationLock)workItem.LockToken!;
        var instanceId = workItem.InstanceId;
        var crashed = false;
        try
        {
            var outbox = commit.Outbox.ToList();
            var plan = new CommitPlan
            {
                ExecutionId = commit.ExecutionId,
                NewEvents = commit.NewEvents,
                ResetHistory = commit.IsContinueAsNew || commit.IsNewExecution,
                State = commit.State,
                Outbox = outbox,
            };

            // Outbox rows sent earlier ride along for free, but only in a batch that is written anyway.
            List<(string RowKey, DateTimeOffset SentAt)> taken = [];
            if (!plan.IsEmpty && token.Holder.Snapshot.State is not null)
            {
                taken = this.sentOutbox.TakeForCommit(instanceId, this.options.TimeProvider.GetUtcNow() - (this.options.OutboxResendAfter / 2));
                plan = plan with { DeleteOutboxRowKeys = taken.Select(t => t.RowKey).ToList() };
            }

            InstanceSnapshot snapshot;
            try
            {
                snapshot = await this.store.CommitAsync(token.Holder.Snapshot, plan, cancellationToken);
            }
            catch (InstanceConflictException)
            {
                this.sentOutbox.Return(instanceId, taken);
                this.cache.Remove(instanceId);
                Log.CommitConflict(this.logger, instanceId);

                // The messages stay locked: the caller releases them with AbandonReason.LockLost (the contract).
                throw new WorkItemLockLostException(instanceId);
            }

            token.Holder.Snapshot = snapshot;
            this.CacheOrForget(snapshot);
            this.options.FaultInjection.OnFaultPoint(FaultPoint.AfterCommitBeforeSend, WorkItemKind.Orchestration, instanceId);
            await this.sender.SendAllAsync(outbox, cancellationToken);
            if (outbox.Count > 0)
            {
                await this.ForgetSentOutboxAsync(snapshot, cancellationToken);
            }

            this.options.FaultInjection.OnFaultPoint(FaultPoint.AfterSendBeforeAck, WorkItemKind.Orchestration, instanceId);
            await this.AcknowledgeAsync(token, commit.ConsumedMessageIds, cancellationToken);
            token.Completed = true;
        }
        catch (InjectedFaultException)
        {
            crashed = true;
            throw;
        }
        finally
        {
            this.ReleaseInstance(token, crashed);
        }
    }

    /// <inheritdoc/>
    public async Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, TimeSpan retryDelay, AbandonReason reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var token = (OrchestrationLock)workItem.LockToken!;
        if (token.Completed || token.Abandoned)
        {
            // A second release (or one after completion) does nothing.
            return;
        }

        try
        {
            token.Abandoned = true;
            this.cache.Remove(workItem.InstanceId);

            // Queues count every receive. A deferral (messages waiting for a delayed start) or a lost race must not
            // count toward poison, so those messages are re-enqueued as fresh copies and the originals deleted.
            token.Requeued = reason is AbandonReason.Deferred or AbandonReason.LockLost;
            var delay = this.ClampVisibility(retryDelay);
            foreach (var received in token.Messages)
            {
                await this.ReleaseMessageAsync(this.controlQueue, received, delay, token.Requeued, token.HostOwned, cancellationToken);
            }
        }
        finally
        {
            this.ReleaseInstance(token, crashed: false);
        }
    }

    /// <summary>A visibility delay queues accept: whole seconds rounded up, at most <see cref="AzureStorageOrchestrationServiceOptions.MaxVisibilityDelay"/>.</summary>
    private TimeSpan ClampVisibility(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var seconds = TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds));
        return seconds < this.options.MaxVisibilityDelay ? seconds : this.options.MaxVisibilityDelay;
    }

    private async Task<OrchestrationWorkItem> BuildWorkItemAsync(string instanceId, IReadOnlyList<ReceivedMessage> messages, bool hostOwned, CancellationToken cancellationToken)
    {
        var snapshot = this.cache.TryGet(instanceId)
            ?? (messages.Any(m => m.Message.Event is ExecutionStartedEvent)
                ? await this.store.LoadProbablyNewAsync(instanceId, cancellationToken)
                : await this.store.LoadAsync(instanceId, cancellationToken));
        var token = new OrchestrationLock { InstanceId = instanceId, Holder = new InstanceSnapshotHolder { Snapshot = snapshot }, Messages = messages, HostOwned = hostOwned };
        return new OrchestrationWorkItem
        {
            InstanceId = instanceId,
            NewMessages = messages.Select(m => m.Message).ToList(),
            History = snapshot.History,
            State = snapshot.State,
            LockToken = token,
        };
    }

    private void CacheOrForget(InstanceSnapshot snapshot)
    {
        if (snapshot.State is { } state && !state.RuntimeStatus.IsTerminal())
        {
            this.cache.Set(snapshot);
        }
        else
        {
            this.cache.Remove(snapshot.InstanceId);
        }
    }

    /// <summary>Deletes the new outbox row now for finished instances, or leaves it to the next commit's batch.</summary>
    private async Task ForgetSentOutboxAsync(InstanceSnapshot snapshot, CancellationToken cancellationToken)
    {
        var rowKey = TableRows.OutboxRowKey(snapshot.Generation);
        if (snapshot.State is { } state && state.RuntimeStatus.IsTerminal())
        {
            await this.store.DeleteRowAsync(snapshot.InstanceId, rowKey, cancellationToken);
        }
        else
        {
            this.sentOutbox.Add(snapshot.InstanceId, rowKey, this.options.TimeProvider.GetUtcNow());
        }
    }

    private async Task AcknowledgeAsync(OrchestrationLock token, IReadOnlyList<string> consumedMessageIds, CancellationToken cancellationToken)
    {
        if (token.HostOwned)
        {
            return;
        }

        var consumed = consumedMessageIds.ToHashSet(StringComparer.Ordinal);
        async ValueTask AcknowledgeOneAsync(ReceivedMessage received, CancellationToken ct)
        {
            if (consumed.Contains(received.Message.MessageId))
            {
                await DeleteMessageAsync(this.controlQueue, received, ct);
            }
            else
            {
                await this.ReleaseMessageAsync(this.controlQueue, received, TimeSpan.FromSeconds(1), requeue: true, hostOwned: false, ct);
            }
        }

        // A fan-in episode can consume hundreds of messages; queues have no batch delete, so delete in parallel.
        await Parallel.ForEachAsync(token.Messages, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, AcknowledgeOneAsync);
    }

    /// <summary>Unlocks the work item's instance in this process, once: a later call must not unlock a newer work item.</summary>
    private void ReleaseInstance(OrchestrationLock token, bool crashed)
    {
        if (token.InstanceReleased)
        {
            return;
        }

        token.InstanceReleased = true;
        var instanceId = token.InstanceId;
        if (crashed)
        {
            // A simulated crash loses everything in memory; the queue redelivers after the lock timeout.
            this.cache.Remove(instanceId);
            this.controlReader.Drop(instanceId);
        }

        this.controlReader.Release(instanceId);
    }
}
