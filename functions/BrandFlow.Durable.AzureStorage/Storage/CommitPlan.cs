using BrandFlow.Durable.Backend;

namespace BrandFlow.Durable.AzureStorage.Storage;

/// <summary>Everything one commit writes to an instance partition.</summary>
public sealed record CommitPlan
{
    /// <summary>Execution the history belongs to after the commit.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>Events appended to the history (the whole history when <see cref="ResetHistory"/> is set).</summary>
    public IReadOnlyList<HistoryEvent> NewEvents { get; init; } = [];

    /// <summary>The history starts over (new execution or ContinueAsNew).</summary>
    public bool ResetHistory { get; init; }

    /// <summary>The new status row; null keeps the current one.</summary>
    public OrchestrationState? State { get; init; }

    /// <summary>Messages written to the outbox row in the same transaction.</summary>
    public IReadOnlyList<TaskMessage> Outbox { get; init; } = [];

    /// <summary>Outbox rows already sent, deleted in the same transaction.</summary>
    public IReadOnlyList<string> DeleteOutboxRowKeys { get; init; } = [];

    /// <summary>Whether the plan writes nothing.</summary>
    public bool IsEmpty => this.State is null && this.NewEvents.Count == 0 && this.Outbox.Count == 0 && this.DeleteOutboxRowKeys.Count == 0;
}

/// <summary>Thrown when a commit lost the ETag race or hit rows it did not expect; the caller retries from fresh state.</summary>
public sealed class InstanceConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InstanceConflictException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InstanceConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public InstanceConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
