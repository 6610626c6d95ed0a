using BrandFlow.Awards.Services;
using BrandFlow.Hosting.Access;
using Microsoft.DurableTask.Client;

namespace BrandFlow.Hosting.Api;

/// <summary>
/// One call of a JSON API operation, whichever host received it: the HTTP context (route values, query, body, user),
/// the award service and the durable client. The local host and the web app take both from their container; the Azure
/// Functions app creates the service over the client its <c>[DurableClient]</c> binding gave this call.
/// </summary>
public sealed class ApiCall
{
    private readonly Func<AwardsService> awards;
    private readonly Func<DurableTaskClient> durable;

    /// <summary>A call with its services (created on first use: the policy operations need neither).</summary>
    public ApiCall(HttpContext http, Func<AwardsService> awards, Func<DurableTaskClient> durable)
    {
        this.Http = http ?? throw new ArgumentNullException(nameof(http));
        this.awards = awards ?? throw new ArgumentNullException(nameof(awards));
        this.durable = durable ?? throw new ArgumentNullException(nameof(durable));
    }

    /// <summary>The HTTP context.</summary>
    public HttpContext Http { get; }

    /// <summary>The award service.</summary>
    public AwardsService Awards => this.awards();

    /// <summary>The durable client.</summary>
    public DurableTaskClient Durable => this.durable();

    /// <summary>The request's cancellation.</summary>
    public CancellationToken Aborted => this.Http.RequestAborted;

    /// <summary>The services of the call's host.</summary>
    public IServiceProvider Services => this.Http.RequestServices;

    /// <summary>A route value the operation's route declares.</summary>
    public string Route(string name) =>
        this.Http.Request.RouteValues.TryGetValue(name, out var value) && value?.ToString() is { } text
            ? text
            : throw new InvalidOperationException($"Route value '{name}' missing");

    /// <summary>A query-string value, null when absent or empty.</summary>
    public string? Query(string name) => this.Http.Request.Query.TryGetValue(name, out var value) && value.ToString() is { Length: > 0 } text ? text : null;

    /// <summary>The signed-in account, if any.</summary>
    public Task<BrandFlow.Awards.Model.UserAccount?> ActorAsync() => Session.ActorAsync(this.Http, this.Awards);

    /// <summary>The JSON body.</summary>
    public Task<T> BodyAsync<T>() => ApiJson.ReadAsync<T>(this.Http.Request);
}
