using BrandFlow.Durable.Core;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Durable;

// CreateTimer and WaitForExternalEvent keep Microsoft.DurableTask's names (no Async suffix) so orchestrators port unchanged.
#pragma warning disable VSTHRD200

/// <summary>
/// The orchestrator's view of its instance (mirrors Microsoft.DurableTask.TaskOrchestrationContext): a small abstract
/// core plus virtual convenience overloads that forward to it. Every member is replay-safe.
/// </summary>
public abstract class TaskOrchestrationContext
{
    /// <summary>Name of the running orchestrator.</summary>
    public abstract TaskName Name { get; }

    /// <summary>Instance id of the running orchestration.</summary>
    public abstract string InstanceId { get; }

    /// <summary>Version recorded for this instance (empty when unversioned).</summary>
    public virtual string Version => Name.Version;

    /// <summary>Replay-safe current UTC time: the start time of the current episode.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code is re-executing steps already recorded in the history.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>Logger factory used for replay-safe loggers.</summary>
    protected abstract ILoggerFactory LoggerFactory { get; }

    /// <summary>The orchestration input, deserialized as <typeparamref name="T"/>.</summary>
    public abstract T? GetInput<T>();

    /// <summary>Schedules an activity and returns its result; throws <see cref="TaskFailedException"/> when it fails.</summary>
    public abstract Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null);

    /// <summary>Starts a sub-orchestration and returns its output; throws <see cref="TaskFailedException"/> when it fails.</summary>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null);

    /// <summary>Creates a durable timer firing at a UTC time; cancelling the token completes the task as canceled.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>Waits for an external event by name (case-insensitive); events that arrived earlier are buffered.</summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Sends an external event to another orchestration instance (fire and forget).</summary>
    public abstract void SendEvent(string instanceId, string eventName, object payload);

    /// <summary>
    /// Ends this execution when the orchestrator returns and restarts the instance with a new input and an empty
    /// history; buffered, unprocessed external events are carried over when <paramref name="preserveUnprocessedEvents"/> is true.
    /// </summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>Sets the instance's custom status, visible to clients (serialized with the data converter).</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>A deterministic GUID (name-based UUID v5 from instance id, current time and a counter).</summary>
    public abstract Guid NewGuid();

    /// <summary>Schedules an activity without a result.</summary>
    public virtual Task CallActivityAsync(TaskName name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object>(name, input, options);

    /// <summary>Schedules an activity without input or result.</summary>
    public virtual Task CallActivityAsync(TaskName name, TaskOptions options) => CallActivityAsync<object>(name, null, options);

    /// <summary>Schedules an activity without input.</summary>
    public virtual Task<TResult> CallActivityAsync<TResult>(TaskName name, TaskOptions options) => CallActivityAsync<TResult>(name, null, options);

    /// <summary>Starts a sub-orchestration without a result.</summary>
    public virtual Task CallSubOrchestratorAsync(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        CallSubOrchestratorAsync<object>(orchestratorName, input, options);

    /// <summary>Starts a sub-orchestration without input or result.</summary>
    public virtual Task CallSubOrchestratorAsync(TaskName orchestratorName, TaskOptions options) =>
        CallSubOrchestratorAsync<object>(orchestratorName, null, options);

    /// <summary>Starts a sub-orchestration without input.</summary>
    public virtual Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, TaskOptions options) =>
        CallSubOrchestratorAsync<TResult>(orchestratorName, null, options);

    /// <summary>Creates a durable timer firing after a delay from <see cref="CurrentUtcDateTime"/>.</summary>
    public virtual Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) => CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>
    /// Waits for an external event with a timeout (a durable timer). Throws <see cref="TaskCanceledException"/> if the
    /// timeout passes first.
    /// </summary>
    public virtual Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout) =>
        WaitForExternalEvent<T>(eventName, timeout, CancellationToken.None);

    /// <summary>Waits for an external event with a timeout and a cancellation token.</summary>
    public virtual async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timerCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var eventCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<T> eventTask = WaitForExternalEvent<T>(eventName, eventCancellation.Token);
        Task timeoutTask = CreateTimer(timeout, timerCancellation.Token);
        Task first = await Task.WhenAny(eventTask, timeoutTask).ConfigureAwait(true);
        // Cancel synchronously: CancelAsync would run the callbacks on the thread pool, outside the orchestration's
        // single-threaded replay, and the outcome would no longer be deterministic.
#pragma warning disable VSTHRD103
        if (first == eventTask)
        {
            timerCancellation.Cancel();
        }
        else
        {
            eventCancellation.Cancel();
        }
#pragma warning restore VSTHRD103

        return await eventTask.ConfigureAwait(true);
    }

    /// <summary>Creates a logger that writes only when the code is not replaying.</summary>
    public virtual ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(this, LoggerFactory.CreateLogger(categoryName));

    /// <summary>Creates a replay-safe logger named after a type.</summary>
    public virtual ILogger CreateReplaySafeLogger(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return CreateReplaySafeLogger(type.FullName ?? type.Name);
    }

    /// <summary>Creates a replay-safe logger named after <typeparamref name="T"/>.</summary>
    public virtual ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T));
}
