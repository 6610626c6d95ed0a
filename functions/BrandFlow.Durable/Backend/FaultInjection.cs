namespace BrandFlow.Durable.Backend;

/// <summary>Named points between receiving a message and deleting it, where a crash can be simulated.</summary>
public enum FaultPoint
{
    /// <summary>After the work item was locked and processed, before anything was committed (called by the engine).</summary>
    AfterLockBeforeCommit = 0,

    /// <summary>After state and outbox were committed, before the outbox was sent (called by the backend).</summary>
    AfterCommitBeforeSend = 1,

    /// <summary>After the outbox or response was sent, before the consumed messages were deleted (called by the backend).</summary>
    AfterSendBeforeAck = 2,
}

/// <summary>Kind of work being processed at a fault point.</summary>
public enum WorkItemKind
{
    /// <summary>An orchestration episode.</summary>
    Orchestration = 0,

    /// <summary>An activity execution.</summary>
    Activity = 1,
}

/// <summary>
/// Test hook called at every <see cref="FaultPoint"/>. To simulate a process crash it throws
/// <see cref="InjectedFaultException"/>; the dispatchers then stop without abandoning, so the work is recovered only
/// by lock expiry, exactly as after a real crash. Production code uses <see cref="NoFaultInjection"/>.
/// </summary>
public interface IFaultInjectionHook
{
    /// <summary>Called at a fault point; throw <see cref="InjectedFaultException"/> to simulate a crash there.</summary>
    void OnFaultPoint(FaultPoint point, WorkItemKind kind, string instanceId);
}

/// <summary>The production hook: does nothing.</summary>
public sealed class NoFaultInjection : IFaultInjectionHook
{
    /// <summary>The shared instance.</summary>
    public static NoFaultInjection Instance { get; } = new();

    /// <inheritdoc />
    public void OnFaultPoint(FaultPoint point, WorkItemKind kind, string instanceId)
    {
    }
}

/// <summary>Simulated crash thrown by an <see cref="IFaultInjectionHook"/>; dispatchers must not abandon on it.</summary>
public sealed class InjectedFaultException : Exception
{
    /// <summary>Creates the exception for a point.</summary>
    public InjectedFaultException(FaultPoint point, WorkItemKind kind, string instanceId)
        : base($"Injected fault at {point} while processing {kind} work for '{instanceId}'.")
    {
        Point = point;
    }

    /// <summary>Creates the exception with a message.</summary>
    public InjectedFaultException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public InjectedFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no details.</summary>
    public InjectedFaultException()
    {
    }

    /// <summary>The point at which the fault was injected.</summary>
    public FaultPoint Point { get; }
}
