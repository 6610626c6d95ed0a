using System.Text.Json;
using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;

namespace BrandFlow.Durable.Tests.Backend;

public sealed class HistoryEventSerializationTests
{
    public static TheoryData<HistoryEvent> Events() =>
    [
        new ExecutionStartedEvent
        {
            Name = "Award", Version = "2", InstanceId = "i", ExecutionId = "e", Input = "{\"a\":1}",
            ParentInstance = new ParentInstanceInfo("p", "pe", 3, "Parent"), ScheduledStartTime = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc),
        },
        new ExecutionCompletedEvent { Status = OrchestrationRuntimeStatus.Failed, FailureDetails = new TaskFailureDetails("T", "m", "s", new TaskFailureDetails("I", "inner")) },
        new ExecutionTerminatedEvent { Input = "\"stop\"" },
        new ExecutionSuspendedEvent { Reason = "r" },
        new ExecutionResumedEvent { Reason = "r" },
        new ContinueAsNewEvent { Input = "5", NewExecutionId = "n" },
        new OrchestratorStartedEvent { Timestamp = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
        new OrchestratorCompletedEvent(),
        new TaskScheduledEvent { EventId = 4, Name = "Pay", Input = "1", SourceMessageId = "m1" },
        new TaskCompletedEvent { TaskScheduledId = 4, Result = "2" },
        new TaskFailedEvent { TaskScheduledId = 4, FailureDetails = new TaskFailureDetails("T", "m") },
        new TimerCreatedEvent { EventId = 5, FireAt = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc) },
        new TimerFiredEvent { TimerId = 5, FireAt = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc) },
        new EventRaisedEvent { Name = "Approve", Input = "true" },
        new EventSentEvent { EventId = 6, InstanceId = "other", Name = "Ping", Input = "1" },
        new SubOrchestrationInstanceCreatedEvent { EventId = 7, Name = "Child", InstanceId = "c", Input = "0" },
        new SubOrchestrationInstanceCompletedEvent { TaskScheduledId = 7, Result = "1" },
        new SubOrchestrationInstanceFailedEvent { TaskScheduledId = 7, FailureDetails = new TaskFailureDetails("T", "m") },
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void Serialize_AsBaseType_RoundTripsWithDiscriminator(HistoryEvent historyEvent)
    {
        string json = JsonSerializer.Serialize(historyEvent);

        HistoryEvent? back = JsonSerializer.Deserialize<HistoryEvent>(json);

        Assert.Contains($"\"$type\":\"{historyEvent.Kind}\"", json, StringComparison.Ordinal);
        Assert.Equal(historyEvent, back);
    }

    [Fact]
    public void Serialize_TaskMessage_RoundTripsEventAndDelivery()
    {
        TaskMessage message = TaskMessage.Create("i", "e", new TimerFiredEvent { TimerId = 1, FireAt = DateTime.UnixEpoch }, DateTime.UnixEpoch);

        TaskMessage? back = JsonSerializer.Deserialize<TaskMessage>(JsonSerializer.Serialize(message));

        Assert.Equal(message, back);
    }

    [Fact]
    public void ActivityKey_SameCallDifferentRetries_DiffersOnlyByStep()
    {
        Assert.Equal(TaskMessage.ActivityKey("i", "e", 1), TaskMessage.ActivityKey("i", "e", 1));
        Assert.NotEqual(TaskMessage.ActivityKey("i", "e", 1), TaskMessage.ActivityKey("i", "e", 2));
        Assert.NotEqual(TaskMessage.ActivityKey("i", "e", 1), TaskMessage.ActivityKey("i", "f", 1));
    }
}
