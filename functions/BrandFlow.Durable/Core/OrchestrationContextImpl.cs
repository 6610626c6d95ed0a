using BrandFlow.Durable.Backend;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Durable.Core;

/// <summary>
/// The engine's implementation of <see cref="TaskOrchestrationContext"/>: records scheduled actions by sequence
/// number, holds open tasks until their completion events are applied, and buffers external events.
/// </summary>
internal sealed partial class OrchestrationContextImpl : TaskOrchestrationContext
{
    private readonly DataConverter converter;
    private readonly ILoggerFactory loggerFactory;
    private readonly ExecutionStartedEvent started;
    private readonly Dictionary<int, Action<string?, TaskFailureDetails?>> openTasks = [];
    private readonly SortedDictionary<int, OrchestrationAction> unmatchedActions = [];
    private readonly Dictionary<string, Queue<string?>> bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Name, string? Input)> bufferedEventOrder = [];
    private readonly Dictionary<string, LinkedList<Action<string?>>> eventWaiters = new(StringComparer.OrdinalIgnoreCase);
    private int nextSequenceNumber;
    private int guidCounter;

    /// <summary>Creates the context for one execution.</summary>
    public OrchestrationContextImpl(ExecutionStartedEvent started, string version, DataConverter converter, ILoggerFactory loggerFactory)
    {
        this.started = started;
        this.converter = converter;
        this.loggerFactory = loggerFactory;
        Name = new TaskName(started.Name, version);
    }

    /// <inheritdoc />
    public override TaskName Name { get; }

    /// <inheritdoc />
    public override string InstanceId => started.InstanceId;

    /// <summary>The execution id.</summary>
    public string ExecutionId => started.ExecutionId;

    /// <inheritdoc />
    public override DateTime CurrentUtcDateTime => CurrentTime;

    /// <inheritdoc />
    public override bool IsReplaying => Replaying;

    /// <summary>Settable backing value of <see cref="CurrentUtcDateTime"/>.</summary>
    internal DateTime CurrentTime { get; set; }

    /// <summary>Settable backing value of <see cref="IsReplaying"/>.</summary>
    internal bool Replaying { get; set; }

    /// <summary>The latest custom status set by the code (serialized).</summary>
    internal string? CustomStatus { get; private set; }

    /// <summary>Whether the code asked to continue as new, and with what.</summary>
    internal (string? Input, bool PreserveEvents)? ContinueAsNewRequest { get; private set; }

    /// <summary>Actions not (yet) matched by history, in sequence order: after replay these are the new ones.</summary>
    internal IEnumerable<OrchestrationAction> UnmatchedActions => unmatchedActions.Values;

    /// <summary>External events received but not consumed by any wait, in arrival order.</summary>
    internal IEnumerable<(string Name, string? Input)> UnconsumedEvents => bufferedEventOrder;

    /// <inheritdoc />
    protected override ILoggerFactory LoggerFactory => loggerFactory;

    /// <inheritdoc />
    public override T? GetInput<T>()
        where T : default => converter.Deserialize<T>(started.Input);

    /// <inheritdoc />
    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        string? serialized = converter.Serialize(input);
        return WithRetryAsync(() => ScheduleActivityAsync<TResult>(name, serialized), options, name.Name);
    }

    /// <inheritdoc />
    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        string? serialized = converter.Serialize(input);
        string? instanceId = (options as SubOrchestrationOptions)?.InstanceId;
        return WithRetryAsync(() => ScheduleSubOrchestrationAsync<TResult>(orchestratorName, serialized, instanceId), options, orchestratorName.Name);
    }

    /// <inheritdoc />
    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        DateTime fireAtUtc = fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        int id = nextSequenceNumber++;
        var created = new TimerCreatedEvent { EventId = id, FireAt = fireAtUtc, Timestamp = CurrentTime };
        var fired = new TimerFiredEvent { TimerId = id, FireAt = fireAtUtc, Timestamp = fireAtUtc };
        AddAction(new OrchestrationAction(created, TaskMessage.Create(InstanceId, ExecutionId, fired, fireAtUtc), ActionDestination.Timer, string.Empty));

        var completion = new TaskCompletionSource();
        openTasks[id] = (_, _) => completion.TrySetResult();
        if (cancellationToken.CanBeCanceled)
        {
            // The timer stays in history; cancelling only releases the code that awaits it.
            cancellationToken.Register(() => completion.TrySetCanceled(cancellationToken));
        }

        return completion.Task;
    }

    /// <inheritdoc />
    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        if (bufferedEvents.TryGetValue(eventName, out var queue) && queue.Count > 0)
        {
            string? payload = queue.Dequeue();
            RemoveFromOrder(eventName);
            return Task.FromResult(converter.Deserialize<T>(payload)!);
        }

        var completion = new TaskCompletionSource<T>();
        if (!eventWaiters.TryGetValue(eventName, out var waiters))
        {
            waiters = new LinkedList<Action<string?>>();
            eventWaiters[eventName] = waiters;
        }

        LinkedListNode<Action<string?>> node = waiters.AddLast(payload => SetFromPayload(completion, payload));
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (node.List is not null)
                {
                    waiters.Remove(node);
                }

                completion.TrySetCanceled(cancellationToken);
            });
        }

        return completion.Task;
    }

    /// <inheritdoc />
    public override void SendEvent(string instanceId, string eventName, object payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        int id = nextSequenceNumber++;
        string? serialized = converter.Serialize(payload);
        var sent = new EventSentEvent { EventId = id, InstanceId = instanceId, Name = eventName, Input = serialized, Timestamp = CurrentTime };
        var raised = new EventRaisedEvent { Name = eventName, Input = serialized, Timestamp = CurrentTime };
        AddAction(new OrchestrationAction(sent, TaskMessage.Create(instanceId, null, raised), ActionDestination.Orchestration, eventName));
    }

    /// <inheritdoc />
    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        ContinueAsNewRequest = (converter.Serialize(newInput), preserveUnprocessedEvents);

    /// <inheritdoc />
    public override void SetCustomStatus(object? customStatus) => CustomStatus = converter.Serialize(customStatus);

    /// <inheritdoc />
    public override Guid NewGuid()
    {
        string name = $"{InstanceId}_{CurrentTime:o}_{guidCounter++}";
        return DeterministicGuid.Create(name);
    }

    private void AddAction(OrchestrationAction action) => unmatchedActions.Add(action.Id, action);

    private void RemoveFromOrder(string eventName)
    {
        int index = bufferedEventOrder.FindIndex(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            bufferedEventOrder.RemoveAt(index);
        }
    }

    private void SetFromPayload<T>(TaskCompletionSource<T> completion, string? payload)
    {
        try
        {
            completion.TrySetResult(converter.Deserialize<T>(payload)!);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidCastException)
        {
            completion.TrySetException(ex);
        }
    }
}
