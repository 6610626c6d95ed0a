using BrandFlow.Awards.Services;
using BrandFlow.Hosting.Access;
using Microsoft.DurableTask.Client;

namespace BrandFlow.Hosting.Api;

/// <summary>Serves <see cref="ApiOperations.All"/> from an ASP.NET Core host (the local host, the web app).</summary>
public static class ApiMapping
{
    /// <summary>Maps every operation onto /api.</summary>
    public static IEndpointRouteBuilder MapBrandFlowApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (var operation in ApiOperations.All)
        {
            app.MapMethods("/api/" + operation.Route, [operation.Method], http => RunAsync(operation, new ApiCall(
                    http,
                    () => http.RequestServices.GetRequiredService<AwardsService>(),
                    () => http.RequestServices.GetRequiredService<DurableTaskClient>())))
                .WithName(operation.Name)
                .DisableAntiforgery();
        }

        return app;
    }

    /// <summary>
    /// Runs an operation and writes its answer: a refusal (<see cref="AwardsException"/>) becomes its localized
    /// ProblemDetails. Anything else propagates to the host's exception handling (a ProblemDetails 500 without detail).
    /// </summary>
    public static async Task RunAsync(ApiOperation operation, ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(call);
        IResult result;
        try
        {
            result = await operation.Handle(call).ConfigureAwait(false);
        }
        catch (AwardsException refusal)
        {
            result = ApiProblems.Result(call.Http, refusal);
        }

        await result.ExecuteAsync(call.Http).ConfigureAwait(false);
    }
}
