using BrandFlow.Durable.Client;

namespace BrandFlow.Durable.Backend;

/// <summary>The status row of an orchestration instance, as stored by a backend and returned to clients.</summary>
public sealed record OrchestrationState
{
    /// <summary>Instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>Current execution id.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>Orchestrator name.</summary>
    public required string Name { get; init; }

    /// <summary>Orchestrator version recorded for the instance.</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>Runtime status.</summary>
    public required OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>UTC time the instance was created (scheduled by a client or parent).</summary>
    public required DateTime CreatedAt { get; init; }

    /// <summary>UTC time of the last change.</summary>
    public required DateTime LastUpdatedAt { get; init; }

    /// <summary>UTC time it reached a terminal status, if it did.</summary>
    public DateTime? CompletedAt { get; init; }

    /// <summary>Requested start time, if delayed.</summary>
    public DateTime? ScheduledStartTime { get; init; }

    /// <summary>Serialized input.</summary>
    public string? Input { get; init; }

    /// <summary>Serialized output (or termination reason).</summary>
    public string? Output { get; init; }

    /// <summary>Serialized custom status set by the orchestrator.</summary>
    public string? CustomStatus { get; init; }

    /// <summary>Failure details when <see cref="RuntimeStatus"/> is Failed.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>Parent instance id for sub-orchestrations.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>Returns a copy without input, output and custom status (for listings that do not fetch payloads).</summary>
    public OrchestrationState WithoutPayloads() => this with { Input = null, Output = null, CustomStatus = null };

    /// <summary>The status row of a newly created instance, derived from its start event (one definition for every backend).</summary>
    public static OrchestrationState Pending(ExecutionStartedEvent started, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(started);
        return new OrchestrationState
        {
            InstanceId = started.InstanceId,
            ExecutionId = started.ExecutionId,
            Name = started.Name,
            Version = started.Version,
            RuntimeStatus = OrchestrationRuntimeStatus.Pending,
            CreatedAt = now,
            LastUpdatedAt = now,
            ScheduledStartTime = started.ScheduledStartTime,
            Input = started.Input,
            ParentInstanceId = started.ParentInstance?.InstanceId,
        };
    }
}

/// <summary>Filter and paging for <see cref="IOrchestrationServiceClient.QueryInstancesAsync"/>.</summary>
public sealed record InstanceQuery
{
    /// <summary>Statuses to include; null or empty means all.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    /// <summary>Only instances created at or after this UTC time.</summary>
    public DateTime? CreatedFrom { get; init; }

    /// <summary>Only instances created at or before this UTC time.</summary>
    public DateTime? CreatedTo { get; init; }

    /// <summary>Only instances whose id starts with this (ordinal).</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Maximum rows per page (1..1000).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Opaque token from the previous page, or null for the first page.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Whether to return inputs, outputs and custom status.</summary>
    public bool FetchInputsAndOutputs { get; init; }
}

/// <summary>One page of a query: rows in instance-id order and a token for the next page (null when done).</summary>
/// <param name="Instances">The rows.</param>
/// <param name="ContinuationToken">Token for the next page, or null on the last page.</param>
public sealed record InstanceQueryPage(IReadOnlyList<OrchestrationState> Instances, string? ContinuationToken);

/// <summary>Which instances a bulk purge removes. Only terminal instances are ever purged.</summary>
public sealed record InstancePurgeFilter
{
    /// <summary>Only instances created at or after this UTC time.</summary>
    public DateTime? CreatedFrom { get; init; }

    /// <summary>Only instances created at or before this UTC time.</summary>
    public DateTime? CreatedTo { get; init; }

    /// <summary>Statuses to include (terminal ones only); null or empty means all terminal statuses.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }
}
