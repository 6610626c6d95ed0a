using BrandFlow.Durable.Backend;

namespace BrandFlow.Durable.Client;

/// <summary>What a client sees of an instance (mirrors Microsoft.DurableTask.Client.OrchestrationMetadata).</summary>
public sealed class OrchestrationMetadata
{
    private readonly DataConverter converter;

    /// <summary>Creates metadata from a backend status row.</summary>
    public OrchestrationMetadata(OrchestrationState state, DataConverter converter)
    {
        ArgumentNullException.ThrowIfNull(state);
        this.converter = converter ?? JsonDataConverter.Default;
        Name = state.Name;
        InstanceId = state.InstanceId;
        ExecutionId = state.ExecutionId;
        Version = state.Version;
        RuntimeStatus = state.RuntimeStatus;
        CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedAt, DateTimeKind.Utc));
        LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedAt, DateTimeKind.Utc));
        SerializedInput = state.Input;
        SerializedOutput = state.Output;
        SerializedCustomStatus = state.CustomStatus;
        FailureDetails = state.FailureDetails;
    }

    /// <summary>Orchestrator name.</summary>
    public string Name { get; }

    /// <summary>Instance id.</summary>
    public string InstanceId { get; }

    /// <summary>Current execution id.</summary>
    public string ExecutionId { get; }

    /// <summary>Version recorded for the instance.</summary>
    public string Version { get; }

    /// <summary>Runtime status.</summary>
    public OrchestrationRuntimeStatus RuntimeStatus { get; }

    /// <summary>When the instance was created.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When the instance last changed.</summary>
    public DateTimeOffset LastUpdatedAt { get; }

    /// <summary>Serialized input (null unless inputs and outputs were requested).</summary>
    public string? SerializedInput { get; }

    /// <summary>Serialized output (null unless requested).</summary>
    public string? SerializedOutput { get; }

    /// <summary>Serialized custom status (null unless requested).</summary>
    public string? SerializedCustomStatus { get; }

    /// <summary>Failure details when Failed.</summary>
    public TaskFailureDetails? FailureDetails { get; }

    /// <summary>True while Running.</summary>
    public bool IsRunning => RuntimeStatus == OrchestrationRuntimeStatus.Running;

    /// <summary>True once Completed, Failed or Terminated.</summary>
    public bool IsCompleted => RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    /// <summary>Deserializes the input.</summary>
    public T? ReadInputAs<T>() => converter.Deserialize<T>(SerializedInput);

    /// <summary>Deserializes the output.</summary>
    public T? ReadOutputAs<T>() => converter.Deserialize<T>(SerializedOutput);

    /// <summary>Deserializes the custom status.</summary>
    public T? ReadCustomStatusAs<T>() => converter.Deserialize<T>(SerializedCustomStatus);
}

/// <summary>Options for scheduling a new instance (mirrors Microsoft.DurableTask.StartOrchestrationOptions).</summary>
/// <param name="InstanceId">Instance id; a new GUID when null.</param>
/// <param name="StartAt">Earliest start time; now when null.</param>
public record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null)
{
    /// <summary>Version to record on the instance; the worker's registered version when null.</summary>
    public string? Version { get; init; }
}

/// <summary>Filter for instance queries (mirrors Microsoft.DurableTask.Client.OrchestrationQuery).</summary>
public sealed record OrchestrationQuery
{
    /// <summary>Only instances created at or after this time.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Only instances created at or before this time.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Statuses to include; all when null.</summary>
    public IEnumerable<OrchestrationRuntimeStatus>? Statuses { get; init; }

    /// <summary>Only instances whose id starts with this.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Rows per page.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Whether to fetch inputs, outputs and custom status.</summary>
    public bool FetchInputsAndOutputs { get; init; }

    /// <summary>Token of the page to fetch; the first page when null.</summary>
    public string? ContinuationToken { get; init; }
}

/// <summary>Filter for bulk purges (mirrors Microsoft.DurableTask.Client.PurgeInstancesFilter).</summary>
/// <param name="CreatedFrom">Only instances created at or after this time.</param>
/// <param name="CreatedTo">Only instances created at or before this time.</param>
/// <param name="Statuses">Terminal statuses to include; all terminal ones when null.</param>
public sealed record PurgeInstancesFilter(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IEnumerable<OrchestrationRuntimeStatus>? Statuses = null);

/// <summary>Result of a purge (mirrors Microsoft.DurableTask.Client.PurgeResult).</summary>
/// <param name="PurgedInstanceCount">How many instances were removed.</param>
public sealed record PurgeResult(int PurgedInstanceCount);

/// <summary>One page of results with the token of the next page (null on the last page).</summary>
/// <typeparam name="T">Item type.</typeparam>
/// <param name="Values">The items.</param>
/// <param name="ContinuationToken">Token for the next page, or null.</param>
public sealed record Page<T>(IReadOnlyList<T> Values, string? ContinuationToken);
