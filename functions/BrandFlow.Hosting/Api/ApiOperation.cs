namespace BrandFlow.Hosting.Api;

/// <summary>
/// One operation of the JSON API: a stable name (the Azure Function's name), the HTTP method, the route under /api and
/// its handler. <see cref="ApiOperations.All"/> is the one list every host serves.
/// </summary>
/// <param name="Name">Stable name, e.g. "api-application-get"; also the Azure Function of this operation.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Route">Route template under /api, without a leading slash (e.g. "applications/{id}").</param>
/// <param name="Handle">The handler.</param>
public sealed record ApiOperation(string Name, string Method, string Route, Func<ApiCall, Task<IResult>> Handle)
{
    /// <summary>The route's parameter names, in order (e.g. ["id", "fileId"]).</summary>
    public IReadOnlyList<string> Parameters =>
        [.. this.Route.Split('/').Where(s => s.StartsWith('{') && s.EndsWith('}')).Select(s => s[1..^1].Split(':', '=', '?')[0])];
}
