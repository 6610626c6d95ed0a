using BrandFlow.Durable.Backend;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BrandFlow.Durable.AzureStorage.Functions;

/// <summary>
/// Entry points for Azure Functions queue triggers on the control and work-item queues when BrandFlow runs as a
/// custom handler: each invocation carries one message, which goes through the same dispatchers the polling worker
/// uses. HTTP-framework-agnostic: the web app passes the request body and answers with the returned object.
/// </summary>
public sealed class QueueTriggerHandler
{
    private readonly AzureStorageOrchestrationService service;
    private readonly Func<OrchestrationWorkItem, CancellationToken, Task> processOrchestration;
    private readonly Func<ActivityWorkItem, CancellationToken, Task> processActivity;
    private readonly ILogger logger;

    /// <summary>Creates the handler over the backend and the engine's two dispatch methods.</summary>
    public QueueTriggerHandler(
        AzureStorageOrchestrationService service,
        Func<OrchestrationWorkItem, CancellationToken, Task> processOrchestration,
        Func<ActivityWorkItem, CancellationToken, Task> processActivity,
        ILoggerFactory? loggerFactory = null)
    {
        this.service = service;
        this.processOrchestration = processOrchestration;
        this.processActivity = processActivity;
        this.logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<QueueTriggerHandler>();
    }

    /// <summary>Handles one invocation of the control-queue trigger (request body as sent by the host).</summary>
    public async Task<CustomHandlerResponse> HandleControlMessageAsync(string requestJson, CancellationToken cancellationToken)
    {
        var invocation = QueueTriggerInvocation.Parse(requestJson);
        CustomHandlerResponse response;
        try
        {
            response = await this.service.ProcessControlTriggerAsync(invocation, this.processOrchestration, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.TriggerFailed(this.logger, ex, this.service.ControlQueue.Name, invocation.QueueMessageId);
            response = CustomHandlerResponse.Failure($"{ex.GetType().Name}: {ex.Message}");
        }

        return await this.PoisonIfExhaustedAsync(controlQueue: true, invocation, response, cancellationToken);
    }

    /// <summary>Handles one invocation of the work-item (activity) queue trigger.</summary>
    public async Task<CustomHandlerResponse> HandleWorkItemMessageAsync(string requestJson, CancellationToken cancellationToken)
    {
        var invocation = QueueTriggerInvocation.Parse(requestJson);
        CustomHandlerResponse response;
        try
        {
            response = await this.service.ProcessWorkItemTriggerAsync(invocation, this.processActivity, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.TriggerFailed(this.logger, ex, this.service.WorkItemQueue.Name, invocation.QueueMessageId);
            response = CustomHandlerResponse.Failure($"{ex.GetType().Name}: {ex.Message}");
        }

        return await this.PoisonIfExhaustedAsync(controlQueue: false, invocation, response, cancellationToken);
    }

    private async Task<CustomHandlerResponse> PoisonIfExhaustedAsync(bool controlQueue, QueueTriggerInvocation invocation, CustomHandlerResponse response, CancellationToken cancellationToken)
    {
        if (response.Succeeded
            || !await this.service.PoisonIfExhaustedAsync(controlQueue, invocation, string.Join(" ", response.Logs), cancellationToken))
        {
            return response;
        }

        return CustomHandlerResponse.Success($"Message {invocation.QueueMessageId} failed {invocation.DequeueCount} deliveries; moved to the poison queue and its instance marked Failed.");
    }

    /// <summary>Handles a timer-trigger invocation: one maintenance pass (outbox sweep).</summary>
    public async Task<CustomHandlerResponse> HandleMaintenanceTimerAsync(CancellationToken cancellationToken)
    {
        var resent = await this.service.RunMaintenanceAsync(cancellationToken);
        return CustomHandlerResponse.Success($"Outbox sweep re-sent {resent} messages.");
    }
}
