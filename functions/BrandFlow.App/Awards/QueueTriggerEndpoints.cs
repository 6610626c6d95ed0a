using BrandFlow.Durable.AzureStorage.Functions;

namespace BrandFlow.App.Awards;

/// <summary>
/// The custom-handler entry points of the runtime's queue and timer triggers (infra/functions/durable-*): the Functions
/// host POSTs each invocation to /{functionName}; the answer's status tells it to complete or retry the message.
/// </summary>
public static class QueueTriggerEndpoints
{
    /// <summary>Function name of the control-queue trigger.</summary>
    public const string Control = "durable-control";

    /// <summary>Function name of the work-item queue trigger.</summary>
    public const string WorkItems = "durable-workitems";

    /// <summary>Function name of the maintenance timer trigger.</summary>
    public const string Maintenance = "durable-maintenance";

    /// <summary>Maps the three trigger endpoints.</summary>
    public static IEndpointRouteBuilder MapQueueTriggers(this IEndpointRouteBuilder app)
    {
        app.MapPost("/" + Control, (HttpContext http, AwardsRuntime runtime) =>
            RunAsync(http, body => runtime.Triggers.HandleControlMessageAsync(body, http.RequestAborted)));
        app.MapPost("/" + WorkItems, (HttpContext http, AwardsRuntime runtime) =>
            RunAsync(http, body => runtime.Triggers.HandleWorkItemMessageAsync(body, http.RequestAborted)));
        app.MapPost("/" + Maintenance, (HttpContext http, AwardsRuntime runtime) =>
            RunAsync(http, _ => runtime.Triggers.HandleMaintenanceTimerAsync(http.RequestAborted)));
        return app;
    }

    private static async Task<IResult> RunAsync(HttpContext http, Func<string, Task<CustomHandlerResponse>> handle)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        CustomHandlerResponse response;
        try
        {
            response = await handle(body);
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
        {
            response = CustomHandlerResponse.Failure($"{ex.GetType().Name}: {ex.Message}");
        }

        return Results.Json(response, statusCode: response.StatusCode);
    }
}
