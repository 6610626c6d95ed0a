using BrandFlow.Hosting.Access;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;

namespace BrandFlow.Hosting.Awards;

/// <summary>
/// The award JSON API under /api: thin handlers that read the signed-in account and the body, call the one
/// <see cref="AwardsService"/> (which enforces every rule), and answer JSON or a localized ProblemDetails.
/// </summary>
public static partial class AwardsEndpoints
{
    /// <summary>Maps every award endpoint onto the /api group.</summary>
    public static RouteGroupBuilder MapAwardsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        MapDirectory(api);
        MapCycles(api);
        MapApplications(api);
        MapReview(api);
        return api;
    }

    private static void MapDirectory(RouteGroupBuilder api)
    {
        api.MapPut("/firms/{creditCode}", async (HttpContext http, AwardsService service, string creditCode) =>
        {
            var firm = await ApiJson.ReadAsync<Firm>(http.Request);
            return ApiJson.Result(await service.UpsertFirmAsync(await Session.ActorAsync(http), firm with { CreditCode = creditCode }, http.RequestAborted));
        });
        api.MapGet("/firms/{creditCode}", async (HttpContext http, AwardsService service, string creditCode) =>
            ApiJson.Result(await service.GetFirmAsync(await Session.ActorAsync(http), creditCode, http.RequestAborted)));
        api.MapPut("/accounts/{email}", async (HttpContext http, AwardsService service, string email) =>
        {
            var account = await ApiJson.ReadAsync<UserAccount>(http.Request);
            return ApiJson.Result(await service.UpsertAccountAsync(await Session.ActorAsync(http), account with { Email = email }, http.RequestAborted));
        });
        api.MapGet("/accounts/{email}", async (HttpContext http, AwardsService service, string email) =>
            ApiJson.Result(await service.GetAccountAsync(await Session.ActorAsync(http), email, http.RequestAborted)));
        api.MapGet("/staff", async (HttpContext http, AwardsService service, string? role, string? department) =>
            ApiJson.Result(await service.ListStaffAsync(await Session.ActorAsync(http), ParseEnum<Role>(role, "role") ?? throw AwardsErrors.Invalid("role", "请指定角色", "A role is required"), department, http.RequestAborted)));
        api.MapGet("/audit/{subjectId}", async (HttpContext http, AwardsService service, string subjectId) =>
            ApiJson.Result(await service.GetAuditLogAsync(await Session.ActorAsync(http), subjectId, http.RequestAborted)));
        api.MapGet("/admin/mail-failures", async (HttpContext http, AwardsService service) =>
            ApiJson.Result(await service.ListMailFailuresAsync(await Session.ActorAsync(http), http.RequestAborted)));
        api.MapGet("/calendar", async (HttpContext http, AwardsService service) =>
            ApiJson.Result(await service.GetCalendarAsync(await Session.ActorAsync(http), http.RequestAborted)));
        api.MapPut("/calendar", async (HttpContext http, AwardsService service) =>
        {
            var yaml = await ReadTextAsync(http.Request, ["application/yaml", "text/yaml", "application/x-yaml"]);
            return ApiJson.Result(await service.ReplaceCalendarAsync(await Session.ActorAsync(http), yaml, http.RequestAborted));
        });
    }

    private static void MapCycles(RouteGroupBuilder api)
    {
        api.MapPost("/cycles", async (HttpContext http, AwardsService service) =>
        {
            var request = await ApiJson.ReadAsync<OpenCycleRequest>(http.Request);
            var opened = await service.OpenCycleAsync(await Session.ActorAsync(http), request.Definition(), request.StartAt, http.RequestAborted);
            return ApiJson.Result(opened, StatusCodes.Status202Accepted);
        });
        api.MapGet("/cycles", async (HttpContext http, AwardsService service) =>
            ApiJson.Result(await service.ListCyclesAsync(await Session.ActorAsync(http), http.RequestAborted)));
        api.MapGet("/cycles/{id}", async (HttpContext http, AwardsService service, string id) =>
            ApiJson.Result(await service.GetCycleAsync(await Session.ActorAsync(http), id, http.RequestAborted)));
        api.MapPost("/cycles/{id}/close-window", async (HttpContext http, AwardsService service, string id) =>
        {
            await service.CloseWindowAsync(await Session.ActorAsync(http), id, http.RequestAborted);
            return Results.Accepted();
        });
        api.MapPost("/cycles/{id}/close", async (HttpContext http, AwardsService service, string id) =>
        {
            await service.CloseCycleAsync(await Session.ActorAsync(http), id, http.RequestAborted);
            return Results.Accepted();
        });
        api.MapGet("/cycles/{id}/applications", async (HttpContext http, AwardsService service, string id, string? status) =>
            ApiJson.Result(await service.ListApplicationsAsync(await Session.ActorAsync(http), id, ParseEnum<ApplicationStatus>(status, "status"), http.RequestAborted)));
        api.MapGet("/cycles/{id}/notice", async (HttpContext http, AwardsService service, string id) =>
            ApiJson.Result(await service.ListNoticeAsync(await Session.ActorAsync(http), id, http.RequestAborted)));
        api.MapGet("/cycles/{id}/fiscal/simulation", async (HttpContext http, AwardsService service, string id, string? rule) =>
            ApiJson.Result(await service.SimulateFiscalAsync(await Session.ActorAsync(http), id, ParseEnum<AllocationRuleKind>(rule, "rule") ?? AllocationRuleKind.ProRata, http.RequestAborted)));
        api.MapPost("/cycles/{id}/fiscal/approval", async (HttpContext http, AwardsService service, string id) =>
        {
            var request = await ApiJson.ReadAsync<FiscalApprovalRequest>(http.Request);
            return ApiJson.Result(await service.ApproveFiscalAsync(await Session.ActorAsync(http), id, request.Rule, http.RequestAborted), StatusCodes.Status202Accepted);
        });
        api.MapGet("/cycles/{id}/payments/file", async (HttpContext http, AwardsService service, string id, string? format) =>
        {
            var file = await service.GetPaymentFileAsync(await Session.ActorAsync(http), id, format ?? "csv", http.RequestAborted);
            return Results.File(file.Content, file.ContentType, file.FileName);
        });
        api.MapPost("/cycles/{id}/payments/confirmations", async (HttpContext http, AwardsService service, string id) =>
        {
            var csv = await ReadTextAsync(http.Request, ["text/csv", "application/csv"]);
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv));
            return ApiJson.Result(await service.ImportBankConfirmationsAsync(await Session.ActorAsync(http), id, stream, http.RequestAborted));
        });
    }

    /// <summary>An enum from a query value (camelCase or PascalCase), null when absent, a refusal when unknown.</summary>
    private static T? ParseEnum<T>(string? value, string field)
        where T : struct, Enum =>
        string.IsNullOrWhiteSpace(value) ? null
        : Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _) ? parsed
        : throw AwardsErrors.Invalid(field, $"“{value}”不是有效值（可选：{string.Join("、", Enum.GetNames<T>())}）", $"'{value}' is not valid (one of: {string.Join(", ", Enum.GetNames<T>())})");

    /// <summary>Reads a text body of one of the given media types (never a form type, so a cross-site form cannot post it).</summary>
    private static async Task<string> ReadTextAsync(HttpRequest request, string[] mediaTypes)
    {
        var type = request.ContentType?.Split(';', 2)[0].Trim() ?? string.Empty;
        if (!mediaTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            throw new AwardsException("unsupported-media-type", StatusCodes.Status415UnsupportedMediaType,
                $"请求体须为 {string.Join(" 或 ", mediaTypes)}", $"The body must be {string.Join(" or ", mediaTypes)}");
        }

        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
    }

    /// <summary>Body of POST /api/cycles: the cycle definition and an optional later start of its orchestration.</summary>
    public sealed record OpenCycleRequest(
        string CycleId,
        string Jurisdiction,
        int Year,
        string TitleZh,
        string TitleEn,
        IReadOnlyList<string> Documents,
        IReadOnlyList<string>? Clauses,
        DateOnly OpensOn,
        DateOnly ClosesOn,
        DateOnly AsOf,
        StepDurations? Durations,
        IReadOnlyDictionary<string, decimal> Budgets,
        DateTimeOffset? StartAt = null)
    {
        /// <summary>The cycle definition (default durations when none given).</summary>
        public CycleDefinition Definition() =>
            new(CycleId, Jurisdiction, Year, TitleZh, TitleEn, Documents, Clauses, OpensOn, ClosesOn, AsOf, Durations ?? new StepDurations(), Budgets);
    }

    /// <summary>Body of a fiscal approval.</summary>
    public sealed record FiscalApprovalRequest(AllocationRuleKind Rule);
}
