using BrandFlow.Durable.AzureStorage.Storage;
using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;

namespace BrandFlow.Durable.AzureStorage;

/// <summary>Client side: create, message, read, query and purge instances.</summary>
public sealed partial class AzureStorageOrchestrationService
{
    private static readonly OrchestrationRuntimeStatus[] TerminalStatuses =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Canceled];

    /// <inheritdoc/>
    public async Task CreateInstanceAsync(TaskMessage startMessage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(startMessage);
        var started = startMessage.Event as ExecutionStartedEvent
            ?? throw new ArgumentException("A start message must carry an ExecutionStartedEvent.", nameof(startMessage));
        var instanceId = startMessage.InstanceId;
        for (var attempt = 0; ; attempt++)
        {
            var snapshot = attempt == 0
                ? await this.store.LoadProbablyNewAsync(instanceId, cancellationToken)
                : await this.store.LoadAsync(instanceId, cancellationToken);
            if (snapshot.State is { } existing)
            {
                if (!existing.RuntimeStatus.IsTerminal())
                {
                    throw new InstanceAlreadyExistsException(instanceId, existing.RuntimeStatus);
                }

                // Replacing a finished instance: drop its history and outbox rows; the status row is replaced below.
                await this.store.DeleteRowsWithPrefixAsync(instanceId, TableRows.HistoryPrefix, cancellationToken);
                await this.store.DeleteRowsWithPrefixAsync(instanceId, TableRows.OutboxPrefix, cancellationToken);
                snapshot = snapshot with { History = [], OutboxRowKeys = [] };
            }

            var now = this.options.TimeProvider.GetUtcNow().UtcDateTime;
            var state = OrchestrationState.Pending(started, now);
            var plan = new CommitPlan { ExecutionId = started.ExecutionId, ResetHistory = true, State = state, Outbox = [startMessage] };
            try
            {
                this.cache.Remove(instanceId);
                var committed = await this.store.CommitAsync(snapshot, plan, cancellationToken);
                await this.sender.SendAsync(startMessage, cancellationToken);
                await this.store.DeleteRowAsync(instanceId, TableRows.OutboxRowKey(committed.Generation), cancellationToken);
                return;
            }
            catch (InstanceConflictException) when (attempt < 5)
            {
                // Created or changed concurrently: look again (and report a duplicate if it is now running).
            }
        }
    }

    /// <inheritdoc/>
    public Task SendMessageAsync(TaskMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return this.sender.SendAsync(message, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<OrchestrationState?> GetStateAsync(string instanceId, CancellationToken cancellationToken) =>
        this.store.GetStateAsync(instanceId, withPayloads: true, cancellationToken);

    /// <inheritdoc/>
    public Task<InstanceQueryPage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return this.store.QueryAsync(query, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken) =>
        (await this.store.LoadAsync(instanceId, cancellationToken)).History;

    /// <inheritdoc/>
    public async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var state = await this.store.GetStateAsync(instanceId, withPayloads: false, cancellationToken);
        if (state is null || !state.RuntimeStatus.IsTerminal())
        {
            return false;
        }

        this.cache.Remove(instanceId);
        return await this.store.PurgeAsync(instanceId, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<int> PurgeInstancesAsync(InstancePurgeFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = filter.Statuses is { Count: > 0 } requested
            ? requested.Where(s => s.IsTerminal()).ToArray()
            : TerminalStatuses;
        if (statuses.Length == 0)
        {
            return 0;
        }

        var purged = 0;
        foreach (var instanceId in await this.store.FindInstanceIdsAsync(statuses, filter.CreatedFrom, filter.CreatedTo, cancellationToken))
        {
            if (await this.PurgeInstanceAsync(instanceId, cancellationToken))
            {
                purged++;
            }
        }

        return purged;
    }
}
