using BrandFlow.Hosting.Api;
using BrandFlow.Policy.Calculation;
using BrandFlow.Policy.Catalog;
using Microsoft.AspNetCore.Mvc;

namespace BrandFlow.Hosting.Policy;

/// <summary>The calculator and catalog API: POST /api/policy/evaluate and read-only catalog views (no storage needed).</summary>
public static class PolicyApi
{
    /// <summary>The policy operations of the JSON API.</summary>
    public static IEnumerable<ApiOperation> Operations =>
    [
        new("api-policy-evaluate", "POST", "policy/evaluate", call => EvaluateAsync(call.Http.Request, Catalog(call))),
        new("api-policy-documents", "GET", "policy/documents", call => Task.FromResult(Documents(Catalog(call)))),
        new("api-policy-document", "GET", "policy/documents/{id}", call => Task.FromResult(Document(call.Route("id"), Catalog(call)))),
        new("api-policy-clause-versions", "GET", "policy/clauses/{id}/versions", ClauseVersionsAsync),
    ];

    private static PolicyCatalog Catalog(ApiCall call) => call.Services.GetRequiredService<PolicyCatalog>();

    private static IResult Documents(PolicyCatalog catalog) => Results.Json(catalog.Documents.Select(d => new
        {
            d.Id,
            d.Title,
            d.Number,
            Jurisdiction = catalog.Jurisdictions[d.JurisdictionCode].Name,
            Status = d.Status == DocumentStatus.Draft ? "draft" : "in-force",
            Effective = new { d.Effective.From, d.Effective.To, Basis = d.EffectiveBasis },
            Clauses = d.Clauses.Count,
            d.Provisions,
        }), PolicyJson.Options);

    private static IResult Document(string id, PolicyCatalog catalog) =>
            catalog.Documents.FirstOrDefault(d => d.Id == id) is not { } d
                ? Problem(StatusCodes.Status404NotFound, "未找到政策文件 / Document not found", $"政策文件“{id}”不存在 / no document '{id}'")
                : Results.Json(new
                {
                    d.Id,
                    d.Title,
                    Status = d.Status == DocumentStatus.Draft ? "draft" : "in-force",
                    Effective = new { d.Effective.From, d.Effective.To, Basis = d.EffectiveBasis },
                    d.DefaultTreasuryId,
                    d.Departments,
                    Clauses = d.Clauses.Select(c => new
                    {
                        c.Id,
                        c.Version,
                        c.Section,
                        c.Title,
                        c.Quote,
                        c.Category,
                        c.Level,
                        c.AchievementKind,
                        c.Grade,
                        c.ApplicantKinds,
                        Amount = AmountRuleText.Describe(c.Amount),
                        c.TreasuryId,
                        c.DepartmentId,
                        c.Evidence,
                        Conditions = c.Conditions.Select(x => x.Description),
                    }),
                    d.Provisions,
                }, PolicyJson.Options);

    private static async Task<IResult> ClauseVersionsAsync(ApiCall call)
    {
        var id = call.Route("id");
        var store = CatalogSourceFactory.Store(call.Services.GetRequiredService<StorageConnection>(), call.Services.GetRequiredService<BrandFlowOptions>(), call.Services.GetRequiredService<TimeProvider>());
        var versions = await store.GetVersionsAsync(id, call.Aborted).ConfigureAwait(false);
        return versions.Count == 0
            ? Problem(StatusCodes.Status404NotFound, "未找到条款 / Clause not found", $"条款“{id}”不存在 / no clause '{id}'")
            : Results.Json(versions, PolicyJson.Options);
    }

    private static async Task<IResult> EvaluateAsync(HttpRequest request, PolicyCatalog catalog)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        try
        {
            var result = new PolicyCalculator(catalog).Evaluate(PolicyJson.ParseRequest(body));
            return Results.Json(result, PolicyJson.Options);
        }
        catch (EvaluationInputException ex)
        {
            var problem = new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "请求无效 / Invalid request",
                Detail = string.Join("; ", ex.Errors.Select(e => $"{e.Field}: {e.Message}")),
                Type = "https://brandflow.example/problems/invalid-evaluation-request",
            };
            problem.Extensions["errors"] = ex.Errors.Select(e => new { field = e.Field, message = e.Message }).ToList();
            return Results.Json(problem, PolicyJson.Options, "application/problem+json", StatusCodes.Status400BadRequest);
        }
    }

    private static IResult Problem(int status, string title, string detail) =>
        Results.Json(new ProblemDetails { Status = status, Title = title, Detail = detail }, PolicyJson.Options, "application/problem+json", status);
}
