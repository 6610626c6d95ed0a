namespace BrandFlow.Durable;

/// <summary>Non-generic view of an orchestrator, used by the engine.</summary>
public interface ITaskOrchestrator
{
    /// <summary>Type of the input.</summary>
    Type InputType { get; }

    /// <summary>Type of the output.</summary>
    Type OutputType { get; }

    /// <summary>Runs the orchestrator with an already deserialized input.</summary>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}

/// <summary>
/// Base class of orchestrators (mirrors Microsoft.DurableTask.TaskOrchestrator). Orchestrator code is replayed and
/// must be deterministic: use the context for time, GUIDs, waiting and I/O, never the clock or threads directly.
/// </summary>
/// <typeparam name="TInput">Input type.</typeparam>
/// <typeparam name="TOutput">Output type.</typeparam>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    /// <inheritdoc />
    Type ITaskOrchestrator.InputType => typeof(TInput);

    /// <inheritdoc />
    Type ITaskOrchestrator.OutputType => typeof(TOutput);

    /// <summary>The orchestration logic.</summary>
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    /// <inheritdoc />
    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, input is null ? default! : (TInput)input).ConfigureAwait(true);
}

/// <summary>Non-generic view of an activity, used by the worker.</summary>
public interface ITaskActivity
{
    /// <summary>Type of the input.</summary>
    Type InputType { get; }

    /// <summary>Type of the output.</summary>
    Type OutputType { get; }

    /// <summary>Runs the activity with an already deserialized input.</summary>
    Task<object?> RunAsync(TaskActivityContext context, object? input);
}

/// <summary>
/// Base class of activities (mirrors Microsoft.DurableTask.TaskActivity). Activities run at least once: make side
/// effects idempotent by <see cref="TaskActivityContext.IdempotencyKey"/>.
/// </summary>
/// <typeparam name="TInput">Input type.</typeparam>
/// <typeparam name="TOutput">Output type.</typeparam>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    /// <inheritdoc />
    Type ITaskActivity.InputType => typeof(TInput);

    /// <inheritdoc />
    Type ITaskActivity.OutputType => typeof(TOutput);

    /// <summary>The activity logic.</summary>
    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);

    /// <inheritdoc />
    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input) =>
        await RunAsync(context, input is null ? default! : (TInput)input).ConfigureAwait(false);
}

/// <summary>What an activity knows about its invocation (mirrors Microsoft.DurableTask.TaskActivityContext).</summary>
public abstract class TaskActivityContext
{
    /// <summary>The activity name.</summary>
    public abstract TaskName Name { get; }

    /// <summary>The calling orchestration's instance id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>
    /// Stable key of this invocation (instance id, execution id, task scheduled id): equal across redeliveries of the
    /// same call, different for retries and other calls. Use it to make side effects idempotent.
    /// </summary>
    public abstract string IdempotencyKey { get; }

    /// <summary>Signalled when the worker shuts down.</summary>
    public abstract CancellationToken CancellationToken { get; }
}
