using BrandFlow.Awards.Services;
using BrandFlow.Hosting.Access;
using BrandFlow.Hosting.Api;
using BrandFlow.Hosting.Awards;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Functions.Api;

/// <summary>
/// Runs an API operation inside an HTTP function as the local host runs it: the route values the function bound, the
/// session cookie authenticated (the Functions worker runs no authentication middleware), the award service over this
/// call's durable client, a refusal as its localized ProblemDetails, and any other failure as a plain 500 in Chinese
/// and English with no detail (logged with the operation's name).
/// </summary>
public sealed partial class FunctionsApi(AwardsServiceFactory awards, ILogger<FunctionsApi> logger)
{
    /// <summary>Runs the operation <paramref name="name"/> and writes its answer to the response.</summary>
    public async Task<IActionResult> RunAsync(string name, HttpRequest request, DurableTaskClient client, params (string Name, string Value)[] route)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var operation = ApiOperations.Named(name);
        var http = request.HttpContext;
        foreach (var (key, value) in route)
        {
            http.Request.RouteValues[key] = value;
        }

        var session = await http.AuthenticateAsync(Session.Scheme);
        if (session.Succeeded)
        {
            http.User = session.Principal;
        }

        AwardsService? service = null;
        try
        {
            await ApiMapping.RunAsync(operation, new ApiCall(http, () => service ??= awards.Create(client), () => client));
        }
        catch (Exception exception) when (!http.Response.HasStarted && exception is not OperationCanceledException)
        {
            LogFailed(logger, exception, name);
            await ApiProblems.WriteAsync(http, new AwardsException(
                "internal-error", StatusCodes.Status500InternalServerError, "服务暂时出错，请稍后重试", "Something went wrong on our side; please try again later"));
        }

        return new EmptyResult();
    }

    [LoggerMessage(EventId = 8100, Level = LogLevel.Error, Message = "API operation {Operation} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string operation);
}
