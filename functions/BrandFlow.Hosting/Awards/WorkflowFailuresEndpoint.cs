using System.Text.Json;
using BrandFlow.Hosting.Access;
using BrandFlow.Hosting.Api;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using Microsoft.DurableTask.Client;

namespace BrandFlow.Hosting.Awards;

/// <summary>
/// GET /api/admin/workflow/failures (administrators): the workflow instances that failed, with the reason, and the
/// engine messages moved to the poison queue because they could not be read. What the durable engine knows, read through
/// <see cref="DurableTaskClient"/> and the task hub's poison queue; nothing is changed.
/// </summary>
public static class WorkflowFailuresEndpoint
{
    /// <summary>At most this many failed instances and poison messages are listed.</summary>
    public const int Limit = 200;

    /// <summary>The handler of GET /api/admin/workflow/failures.</summary>
    public static async Task<IResult> HandleAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var http = call.Http;
        var client = call.Durable;
        var options = call.Services.GetRequiredService<BrandFlowOptions>();
        AccessRules.Require(await call.ActorAsync(), Role.Administrator);
        var instances = new List<FailedInstance>();
        var query = new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Failed], FetchInputsAndOutputs = true, PageSize = 100 };
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(http.RequestAborted))
        {
            instances.Add(new FailedInstance(instance.InstanceId, instance.Name, instance.CreatedAt, instance.LastUpdatedAt,
                instance.FailureDetails?.ErrorType, instance.FailureDetails?.ErrorMessage ?? OutputText(instance.SerializedOutput) ?? "（未记录原因） / (no reason recorded)"));
            if (instances.Count >= Limit)
            {
                break;
            }
        }

        var poison = new List<PoisonMessage>();
        var queue = call.Services.GetRequiredService<StorageConnection>().Queues().GetQueueClient(PoisonQueue(options.TaskHub));
        if (await queue.ExistsAsync(http.RequestAborted))
        {
            foreach (var message in (await queue.PeekMessagesAsync(32, http.RequestAborted)).Value)
            {
                poison.Add(new PoisonMessage(message.MessageId, message.InsertedOn, message.MessageText.Length > 500 ? message.MessageText[..500] : message.MessageText));
            }
        }

        return ApiJson.Result(new WorkflowFailures(instances, poison, queue.Name));
    }

    /// <summary>
    /// The queue the local engine's poison guard moves unreadable control-queue messages to (BrandFlow.Engine.Local,
    /// <c>LocalTaskHubNames.PoisonQueue</c>; tests/BrandFlow.Integration.Tests checks the two names agree).
    /// </summary>
    public static string PoisonQueue(string taskHub) => taskHub.ToLowerInvariant() + "-poison";

    private static string? OutputText(string? output)
    {
        if (string.IsNullOrEmpty(output))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<string>(output) ?? output;
        }
        catch (JsonException)
        {
            return output;
        }
    }

    /// <summary>The answer.</summary>
    /// <param name="Instances">Failed instances (application, review, cycle), newest state first as the engine lists them.</param>
    /// <param name="PoisonMessages">Messages the engine could not read, moved out of its control queues.</param>
    /// <param name="PoisonQueue">Where they are kept.</param>
    public sealed record WorkflowFailures(IReadOnlyList<FailedInstance> Instances, IReadOnlyList<PoisonMessage> PoisonMessages, string PoisonQueue);

    /// <summary>A failed workflow instance.</summary>
    public sealed record FailedInstance(string InstanceId, string Name, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt, string? ErrorType, string Reason);

    /// <summary>A message moved to the poison queue (text cut at 500 characters).</summary>
    public sealed record PoisonMessage(string MessageId, DateTimeOffset? InsertedOn, string Text);
}
