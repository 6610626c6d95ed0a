using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Engine.Local;

/// <summary>
/// Rewrites what the gRPC sidecar hands to the backend at a checkpoint into types DurableTask.AzureStorage can store:
/// tags as <see cref="Dictionary{TKey,TValue}"/> (not protobuf <c>MapField</c>, which Newtonsoft's <c>$type</c> cannot
/// load back) and plain <see cref="SubOrchestrationInstanceCreatedEvent"/>s (the sidecar's subclass has no
/// <c>[DataContract]</c>, so its history row came out empty).
/// </summary>
internal static class SidecarHistoryRepair
{
    /// <summary>Repairs the runtime state, the messages to other orchestrations and the status row in place.</summary>
    public static void Repair(OrchestrationRuntimeState state, IList<TaskMessage> orchestratorMessages, OrchestrationState? status, ILogger logger)
    {
        foreach (var message in orchestratorMessages)
        {
            if (message.Event is ExecutionStartedEvent started && ToDictionary(started.Tags) is { } tags)
            {
                Log.TagsConverted(logger, message.OrchestrationInstance?.InstanceId ?? "?", tags.Count, started.Tags.GetType().Name);
                started.Tags = tags;
            }
        }

        if (status is not null && ToDictionary(status.Tags) is { } statusTags)
        {
            status.Tags = statusTags;
        }

        var replaced = new Dictionary<HistoryEvent, HistoryEvent>(ReferenceEqualityComparer.Instance);
        ReplaceIn(state.Events, replaced);
        ReplaceIn(state.NewEvents, replaced);
        foreach (var original in replaced.Keys)
        {
            Log.HistoryEventReplaced(logger, state.OrchestrationInstance?.InstanceId ?? "?", original.GetType().Name);
        }
    }

    private static void ReplaceIn(IList<HistoryEvent> events, Dictionary<HistoryEvent, HistoryEvent> replaced)
    {
        for (var i = 0; i < events.Count; i++)
        {
            var current = events[i];
            if (current is ExecutionStartedEvent started && ToDictionary(started.Tags) is { } tags)
            {
                started.Tags = tags;
            }
            else if (current is SubOrchestrationInstanceCreatedEvent created && current.GetType() != typeof(SubOrchestrationInstanceCreatedEvent))
            {
                if (!replaced.TryGetValue(current, out var plain))
                {
                    plain = ToPlain(created);
                    replaced.Add(current, plain);
                }

                events[i] = plain;
            }
        }
    }

    private static SubOrchestrationInstanceCreatedEvent ToPlain(SubOrchestrationInstanceCreatedEvent created) =>
        new(created.EventId)
        {
            Timestamp = created.Timestamp,
            IsPlayed = created.IsPlayed,
            ExtensionData = created.ExtensionData,
            Name = created.Name,
            Version = created.Version,
            InstanceId = created.InstanceId,
            Input = created.Input,
            ClientSpanId = created.ClientSpanId,
            Tags = created.Tags is null ? null : ToDictionary(created.Tags) ?? created.Tags,
        };

    /// <summary>A copy of <paramref name="tags"/> when it is some other dictionary type than the one the backend can load.</summary>
    private static Dictionary<string, string>? ToDictionary(IDictionary<string, string>? tags) =>
        tags is null || tags.GetType() == typeof(Dictionary<string, string>) ? null : new Dictionary<string, string>(tags, StringComparer.Ordinal);
}
