namespace BrandFlow.Durable;

/// <summary>
/// Thrown into orchestrator code when an activity or sub-orchestration failed (mirrors
/// Microsoft.DurableTask.TaskFailedException). <see cref="FailureDetails"/> describes the remote failure.
/// </summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates the exception for a failed task.</summary>
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails?.ErrorMessage}")
    {
        ArgumentNullException.ThrowIfNull(failureDetails);
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>Creates the exception with a message.</summary>
    public TaskFailedException(string message)
        : base(message)
    {
        TaskName = string.Empty;
        FailureDetails = new TaskFailureDetails(typeof(TaskFailedException).FullName!, message);
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public TaskFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        TaskName = string.Empty;
        FailureDetails = TaskFailureDetails.FromException(innerException);
    }

    /// <summary>Creates the exception with no details.</summary>
    public TaskFailedException()
        : this("A task failed.")
    {
    }

    /// <summary>Name of the failed activity or sub-orchestration.</summary>
    public string TaskName { get; }

    /// <summary>Sequence number of the failed task.</summary>
    public int TaskId { get; }

    /// <summary>Details of the failure in the activity or child orchestration.</summary>
    public TaskFailureDetails FailureDetails { get; }
}

/// <summary>
/// The orchestrator's code scheduled something other than what its history records at a step; the instance fails
/// with this error (code changed incompatibly, or the code is not deterministic).
/// </summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    /// <summary>Creates the exception for a step.</summary>
    public NonDeterministicOrchestrationException(int sequenceNumber, string expected, string actual)
        : base($"Non-deterministic orchestration at step {sequenceNumber}: the history records {expected}, but the code now produced {actual}.")
    {
        SequenceNumber = sequenceNumber;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>Creates the exception with a message.</summary>
    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
        Expected = Actual = string.Empty;
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public NonDeterministicOrchestrationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Expected = Actual = string.Empty;
    }

    /// <summary>Creates the exception with no details.</summary>
    public NonDeterministicOrchestrationException()
        : this("Non-deterministic orchestration.")
    {
    }

    /// <summary>Sequence number (event id) of the step that differs.</summary>
    public int SequenceNumber { get; }

    /// <summary>What the history records (kind and name), or "nothing".</summary>
    public string Expected { get; }

    /// <summary>What the code produced (kind and name), or "nothing".</summary>
    public string Actual { get; }
}
