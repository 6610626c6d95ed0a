using BrandFlow.Hosting;
using BrandFlow.Policy.Calculation;
using BrandFlow.Policy.Catalog;
using Microsoft.AspNetCore.Mvc;

namespace BrandFlow.Hosting.Policy;

/// <summary>The calculator and catalog API: POST /api/policy/evaluate and read-only catalog views.</summary>
public static class PolicyEndpoints
{
    /// <summary>Maps the policy endpoints.</summary>
    public static IEndpointRouteBuilder MapPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/policy");
        group.MapPost("/evaluate", EvaluateAsync);
        group.MapGet("/documents", (PolicyCatalog catalog) => Results.Json(catalog.Documents.Select(d => new
        {
            d.Id,
            d.Title,
            d.Number,
            Jurisdiction = catalog.Jurisdictions[d.JurisdictionCode].Name,
            Status = d.Status == DocumentStatus.Draft ? "draft" : "in-force",
            Effective = new { d.Effective.From, d.Effective.To, Basis = d.EffectiveBasis },
            Clauses = d.Clauses.Count,
            d.Provisions,
        }), PolicyJson.Options));
        group.MapGet("/documents/{id}", (string id, PolicyCatalog catalog) =>
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
                }, PolicyJson.Options));
        group.MapGet("/clauses/{id}/versions", async (string id, BrandFlowOptions options, TimeProvider clock, CancellationToken ct) =>
        {
            var versions = await CatalogSourceFactory.Store(options, clock).GetVersionsAsync(id, ct).ConfigureAwait(false);
            return versions.Count == 0
                ? Problem(StatusCodes.Status404NotFound, "未找到条款 / Clause not found", $"条款“{id}”不存在 / no clause '{id}'")
                : Results.Json(versions, PolicyJson.Options);
        });
        return app;
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
