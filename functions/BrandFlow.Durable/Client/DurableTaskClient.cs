using BrandFlow.Durable.Backend;

namespace BrandFlow.Durable.Client;

/// <summary>Settings of a <see cref="DurableTaskClient"/>.</summary>
public sealed class DurableTaskClientOptions
{
    /// <summary>Serializer for inputs, outputs and event payloads.</summary>
    public DataConverter DataConverter { get; set; } = JsonDataConverter.Default;

    /// <summary>Clock for creation timestamps and scheduled starts.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Clock for the wait methods' polling delays (real time by default).</summary>
    public TimeProvider PollingTimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Delay between status polls in the wait methods.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}

/// <summary>
/// Starts, queries and controls orchestration instances (mirrors Microsoft.DurableTask.Client.DurableTaskClient).
/// </summary>
public sealed class DurableTaskClient
{
    private readonly IOrchestrationServiceClient backend;
    private readonly DurableTaskClientOptions options;

    /// <summary>Creates a client over a backend.</summary>
    public DurableTaskClient(IOrchestrationServiceClient backend, DurableTaskClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        this.backend = backend;
        this.options = options ?? new DurableTaskClientOptions();
    }

    private DataConverter Converter => options.DataConverter;

    /// <summary>
    /// Schedules a new instance and returns its id. Throws <see cref="InstanceAlreadyExistsException"/> if an
    /// instance with the id is Pending, Running or Suspended; a finished instance with the id is replaced.
    /// </summary>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        string instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        DateTime now = this.options.TimeProvider.GetUtcNow().UtcDateTime;
        DateTime? startAt = options?.StartAt?.UtcDateTime;
        var started = new ExecutionStartedEvent
        {
            Name = orchestratorName.Name,
            Version = options?.Version ?? orchestratorName.Version,
            InstanceId = instanceId,
            ExecutionId = Guid.NewGuid().ToString("N"),
            Input = Converter.Serialize(input),
            ScheduledStartTime = startAt,
            Timestamp = now,
        };
        await backend.CreateInstanceAsync(TaskMessage.Create(instanceId, started.ExecutionId, started, startAt > now ? startAt : null), cancellation);
        return instanceId;
    }

    /// <summary>Schedules a new instance with options and no input.</summary>
    public Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, StartOrchestrationOptions options, CancellationToken cancellation = default) =>
        ScheduleNewOrchestrationInstanceAsync(orchestratorName, null, options, cancellation);

    /// <summary>Sends an external event to an instance; it is buffered until the orchestrator waits for it.</summary>
    public Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        var raised = new EventRaisedEvent { Name = eventName, Input = Converter.Serialize(eventPayload), Timestamp = Now };
        return backend.SendMessageAsync(TaskMessage.Create(instanceId, null, raised), cancellation);
    }

    /// <summary>Returns an instance's metadata, or null if it does not exist.</summary>
    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        OrchestrationState? state = await backend.GetStateAsync(instanceId, cancellation);
        return state is null ? null : new OrchestrationMetadata(getInputsAndOutputs ? state : state.WithoutPayloads(), Converter);
    }

    /// <summary>Returns an instance's metadata, without inputs and outputs, or null.</summary>
    public Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellation) =>
        GetInstanceAsync(instanceId, false, cancellation);

    /// <summary>Waits until the instance exists and has left the Pending status.</summary>
    public Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitForAsync(instanceId, getInputsAndOutputs, s => s != OrchestrationRuntimeStatus.Pending, cancellation);

    /// <summary>Waits until the instance is Completed, Failed or Terminated.</summary>
    public Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitForAsync(instanceId, getInputsAndOutputs, s => s is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled, cancellation);

    /// <summary>Terminates a running, pending or suspended instance; <paramref name="output"/> becomes its output.</summary>
    public Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionTerminatedEvent { Input = Converter.Serialize(output), Timestamp = Now }, cancellation);

    /// <summary>Suspends an instance: it stops making progress and keeps its messages until resumed.</summary>
    public Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspendedEvent { Reason = reason, Timestamp = Now }, cancellation);

    /// <summary>Resumes a suspended instance.</summary>
    public Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumedEvent { Reason = reason, Timestamp = Now }, cancellation);

    /// <summary>Removes a finished instance with its history and messages.</summary>
    public async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return new PurgeResult(await backend.PurgeInstanceAsync(instanceId, cancellation) ? 1 : 0);
    }

    /// <summary>Removes every finished instance matching the filter.</summary>
    public async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var backendFilter = new InstancePurgeFilter
        {
            CreatedFrom = filter.CreatedFrom?.UtcDateTime,
            CreatedTo = filter.CreatedTo?.UtcDateTime,
            Statuses = filter.Statuses?.ToList(),
        };
        return new PurgeResult(await backend.PurgeInstancesAsync(backendFilter, cancellation));
    }

    /// <summary>All instances matching a filter, fetched lazily page by page.</summary>
    public AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        OrchestrationQuery query = filter ?? new OrchestrationQuery();
        return new AsyncPageable<OrchestrationMetadata>((token, pageSize, cancellation) =>
            QueryInstancesAsync(query with { ContinuationToken = token ?? query.ContinuationToken, PageSize = pageSize ?? query.PageSize }, cancellation));
    }

    /// <summary>Fetches one page of instances; pass the returned token back in the query for the next page.</summary>
    public async Task<Page<OrchestrationMetadata>> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var backendQuery = new InstanceQuery
        {
            Statuses = query.Statuses?.ToList(),
            CreatedFrom = query.CreatedFrom?.UtcDateTime,
            CreatedTo = query.CreatedTo?.UtcDateTime,
            InstanceIdPrefix = query.InstanceIdPrefix,
            PageSize = query.PageSize,
            ContinuationToken = query.ContinuationToken,
            FetchInputsAndOutputs = query.FetchInputsAndOutputs,
        };
        InstanceQueryPage page = await backend.QueryInstancesAsync(backendQuery, cancellation);
        return new Page<OrchestrationMetadata>(page.Instances.Select(s => new OrchestrationMetadata(s, Converter)).ToList(), page.ContinuationToken);
    }

    /// <summary>Returns the history of the instance's current execution.</summary>
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return backend.GetHistoryAsync(instanceId, cancellation);
    }

    private DateTime Now => options.TimeProvider.GetUtcNow().UtcDateTime;

    private Task SendAsync(string instanceId, HistoryEvent historyEvent, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return backend.SendMessageAsync(TaskMessage.Create(instanceId, null, historyEvent), cancellation);
    }

    private async Task<OrchestrationMetadata> WaitForAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationRuntimeStatus, bool> done, CancellationToken cancellation)
    {
        while (true)
        {
            OrchestrationMetadata? metadata = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation);
            if (metadata is not null && done(metadata.RuntimeStatus))
            {
                return metadata;
            }

            await Task.Delay(options.PollingInterval, options.PollingTimeProvider, cancellation);
        }
    }
}
