using BrandFlow.Awards.Access;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Hosting.Access;
using BrandFlow.Hosting.Awards;
using BrandFlow.Hosting.Policy;

namespace BrandFlow.Hosting.Api;

/// <summary>
/// The JSON API, one list for every host: the local host and the web app map it onto /api (<see cref="ApiMapping"/>),
/// the Azure Functions app has one HTTP function per entry (same name, method and route). The handlers are thin: they
/// read the signed-in account and the body, call the award service (which enforces every rule) and answer JSON.
/// </summary>
public static partial class ApiOperations
{
    /// <summary>Every operation.</summary>
    public static IReadOnlyList<ApiOperation> All { get; } =
    [
        .. PolicyApi.Operations,
        .. SignIn,
        .. Directory,
        .. Cycles,
        .. Applications,
        .. Review,
        .. Admin,
    ];

    /// <summary>The operation of that name.</summary>
    public static ApiOperation Named(string name) =>
        All.FirstOrDefault(o => o.Name == name) ?? throw new ArgumentException($"No API operation '{name}'", nameof(name));

    private static ApiOperation Op(string name, string method, string route, Func<ApiCall, Task<IResult>> handle) => new(name, method, route, handle);

    private static IEnumerable<ApiOperation> SignIn =>
    [
        Op("api-signin-request-link", "POST", "signin/request-link", async call =>
        {
            var body = await call.BodyAsync<SignInEndpoints.LinkRequest>();
            await call.Awards.RequestSignInLinkAsync(body.Email, call.Aborted);
            return ApiJson.Result(SignInEndpoints.SentAnswer, StatusCodes.Status202Accepted);
        }),
        Op("api-signin-link", "GET", "signin/link", call => Task.FromResult(ApiJson.Result(call.Awards.DescribeSignInLink(call.Query("t"))))),
        Op("api-signin", "POST", "signin", async call =>
        {
            // For API clients (the page's form posts to /signin instead): a JSON body cannot be sent by a cross-site form.
            var body = await call.BodyAsync<SignInRequest>();
            var user = await call.Awards.CompleteSignInAsync(body.Token, call.Aborted);
            await Session.SignInAsync(call.Http, user);
            return ApiJson.Result(user);
        }),
        Op("api-signout", "POST", "signout", async call =>
        {
            await Session.SignOutAsync(call.Http);
            return Results.NoContent();
        }),
        Op("api-me", "GET", "me", async call => ApiJson.Result(AccessRules.SignedIn(await call.ActorAsync()))),
    ];

    private static IEnumerable<ApiOperation> Directory =>
    [
        Op("api-firm-put", "PUT", "firms/{creditCode}", async call =>
        {
            var firm = await call.BodyAsync<Firm>();
            return ApiJson.Result(await call.Awards.UpsertFirmAsync(await call.ActorAsync(), firm with { CreditCode = call.Route("creditCode") }, call.Aborted));
        }),
        Op("api-firm-get", "GET", "firms/{creditCode}", async call =>
            ApiJson.Result(await call.Awards.GetFirmAsync(await call.ActorAsync(), call.Route("creditCode"), call.Aborted))),
        Op("api-account-put", "PUT", "accounts/{email}", async call =>
        {
            var account = await call.BodyAsync<UserAccount>();
            return ApiJson.Result(await call.Awards.UpsertAccountAsync(await call.ActorAsync(), account with { Email = call.Route("email") }, call.Aborted));
        }),
        Op("api-account-get", "GET", "accounts/{email}", async call =>
            ApiJson.Result(await call.Awards.GetAccountAsync(await call.ActorAsync(), call.Route("email"), call.Aborted))),
        Op("api-staff", "GET", "staff", async call =>
            ApiJson.Result(await call.Awards.ListStaffAsync(
                await call.ActorAsync(),
                ParseEnum<Role>(call.Query("role"), "role") ?? throw AwardsErrors.Invalid("role", "请指定角色", "A role is required"),
                call.Query("department"),
                call.Aborted))),
        Op("api-audit", "GET", "audit/{subjectId}", async call =>
            ApiJson.Result(await call.Awards.GetAuditLogAsync(await call.ActorAsync(), call.Route("subjectId"), call.Aborted))),
        Op("api-calendar-get", "GET", "calendar", async call =>
            ApiJson.Result(await call.Awards.GetCalendarAsync(await call.ActorAsync(), call.Aborted))),
        Op("api-calendar-put", "PUT", "calendar", async call =>
        {
            var yaml = await ReadTextAsync(call.Http.Request, ["application/yaml", "text/yaml", "application/x-yaml"]);
            return ApiJson.Result(await call.Awards.ReplaceCalendarAsync(await call.ActorAsync(), yaml, call.Aborted));
        }),
    ];

    private static IEnumerable<ApiOperation> Cycles =>
    [
        Op("api-cycle-open", "POST", "cycles", async call =>
        {
            var request = await call.BodyAsync<AwardsEndpoints.OpenCycleRequest>();
            var opened = await call.Awards.OpenCycleAsync(await call.ActorAsync(), request.Definition(), request.StartAt, call.Aborted);
            return ApiJson.Result(opened, StatusCodes.Status202Accepted);
        }),
        Op("api-cycles", "GET", "cycles", async call => ApiJson.Result(await call.Awards.ListCyclesAsync(await call.ActorAsync(), call.Aborted))),
        Op("api-cycle-get", "GET", "cycles/{id}", async call => ApiJson.Result(await call.Awards.GetCycleAsync(await call.ActorAsync(), call.Route("id"), call.Aborted))),
        Op("api-cycle-close-window", "POST", "cycles/{id}/close-window", async call =>
        {
            await call.Awards.CloseWindowAsync(await call.ActorAsync(), call.Route("id"), call.Aborted);
            return Results.Accepted();
        }),
        Op("api-cycle-close", "POST", "cycles/{id}/close", async call =>
        {
            await call.Awards.CloseCycleAsync(await call.ActorAsync(), call.Route("id"), call.Aborted);
            return Results.Accepted();
        }),
        Op("api-cycle-applications", "GET", "cycles/{id}/applications", async call =>
            ApiJson.Result(await call.Awards.ListApplicationsAsync(await call.ActorAsync(), call.Route("id"), ParseEnum<ApplicationStatus>(call.Query("status"), "status"), call.Aborted))),
        Op("api-cycle-notice", "GET", "cycles/{id}/notice", async call =>
            ApiJson.Result(await call.Awards.ListNoticeAsync(await call.ActorAsync(), call.Route("id"), call.Aborted))),
        Op("api-cycle-fiscal-simulation", "GET", "cycles/{id}/fiscal/simulation", async call =>
            ApiJson.Result(await call.Awards.SimulateFiscalAsync(
                await call.ActorAsync(), call.Route("id"), ParseEnum<AllocationRuleKind>(call.Query("rule"), "rule") ?? AllocationRuleKind.ProRata, call.Aborted))),
        Op("api-cycle-fiscal-approval", "POST", "cycles/{id}/fiscal/approval", async call =>
        {
            var request = await call.BodyAsync<AwardsEndpoints.FiscalApprovalRequest>();
            return ApiJson.Result(await call.Awards.ApproveFiscalAsync(await call.ActorAsync(), call.Route("id"), request.Rule, call.Aborted), StatusCodes.Status202Accepted);
        }),
        Op("api-cycle-payment-file", "GET", "cycles/{id}/payments/file", async call =>
        {
            var file = await call.Awards.GetPaymentFileAsync(await call.ActorAsync(), call.Route("id"), call.Query("format") ?? "csv", call.Aborted);
            return Results.File(file.Content, file.ContentType, file.FileName);
        }),
        Op("api-cycle-payment-confirmations", "POST", "cycles/{id}/payments/confirmations", async call =>
        {
            var csv = await ReadTextAsync(call.Http.Request, ["text/csv", "application/csv"]);
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv));
            return ApiJson.Result(await call.Awards.ImportBankConfirmationsAsync(await call.ActorAsync(), call.Route("id"), stream, call.Aborted));
        }),
    ];

    private static IEnumerable<ApiOperation> Applications =>
    [
        Op("api-evidence-slots", "POST", "evidence/slots", async call =>
        {
            var request = await call.BodyAsync<UploadSlotRequest>();
            return ApiJson.Result(await call.Awards.RequestUploadSlotAsync(await call.ActorAsync(), request, call.Aborted), StatusCodes.Status201Created);
        }),
        Op("api-evidence-inspection", "POST", "evidence/{fileId}/inspection", async call =>
            ApiJson.Result(await call.Awards.InspectEvidenceAsync(await call.ActorAsync(), call.Route("fileId"), call.Aborted))),
        Op("api-estimates", "POST", "estimates", async call =>
        {
            var request = await call.BodyAsync<ClaimsRequest>();
            return ApiJson.Result(await call.Awards.PreviewEstimateAsync(await call.ActorAsync(), request, call.Aborted));
        }),
        Op("api-application-submit", "POST", "applications", async call =>
        {
            var request = await call.BodyAsync<ClaimsRequest>();
            var receipt = await call.Awards.SubmitApplicationAsync(await call.ActorAsync(), request, call.Aborted);
            call.Http.Response.Headers.Location = "/api/applications/" + receipt.ApplicationId;
            return ApiJson.Result(receipt, StatusCodes.Status202Accepted);
        }),
        Op("api-applications", "GET", "applications", async call =>
            ApiJson.Result(await call.Awards.ListApplicationsAsync(await call.ActorAsync(), call.Query("cycleId"), ParseEnum<ApplicationStatus>(call.Query("status"), "status"), call.Aborted))),
        Op("api-application-get", "GET", "applications/{id}", async call =>
            ApiJson.Result(await call.Awards.GetApplicationAsync(await call.ActorAsync(), call.Route("id"), call.Aborted))),
        Op("api-application-correction", "POST", "applications/{id}/correction", async call =>
        {
            var request = await call.BodyAsync<AwardsEndpoints.CorrectionRequest>();
            await call.Awards.SubmitCorrectionAsync(await call.ActorAsync(), call.Route("id"), request.Claims, call.Aborted);
            return Results.Accepted();
        }),
        Op("api-application-information", "POST", "applications/{id}/information", async call =>
        {
            var request = await call.BodyAsync<InformationRequest>();
            await call.Awards.ProvideInformationAsync(await call.ActorAsync(), call.Route("id"), request, call.Aborted);
            return Results.Accepted();
        }),
        Op("api-application-withdrawal", "POST", "applications/{id}/withdrawal", async call =>
        {
            var request = await call.BodyAsync<ReasonRequest>();
            await call.Awards.WithdrawAsync(await call.ActorAsync(), call.Route("id"), request.Reason, call.Aborted);
            return Results.Accepted();
        }),
        Op("api-application-clerk-check", "POST", "applications/{id}/clerk-check", async call =>
        {
            var request = await call.BodyAsync<ClerkCheckRequest>();
            await call.Awards.ClerkCheckAsync(await call.ActorAsync(), call.Route("id"), request, call.Aborted);
            return Results.Accepted();
        }),
        Op("api-application-reassignment", "POST", "applications/{id}/reassignment", async call =>
        {
            var request = await call.BodyAsync<ReassignRequest>();
            await call.Awards.ReassignAsync(await call.ActorAsync(), call.Route("id"), request, call.Aborted);
            return Results.Accepted();
        }),
        Op("api-application-objections", "POST", "applications/{id}/objections", async call =>
        {
            var request = await call.BodyAsync<ObjectionRequest>();
            await call.Awards.FileObjectionAsync(await call.ActorAsync(), call.Route("id"), request, call.Aborted);
            return Results.Accepted();
        }),
        Op("api-application-evidence", "GET", "applications/{id}/evidence/{fileId}", async call =>
            ApiJson.Result(new { url = await call.Awards.GetEvidenceUrlAsync(await call.ActorAsync(), call.Route("id"), call.Route("fileId"), call.Aborted) })),
    ];

    private static IEnumerable<ApiOperation> Review =>
    [
        Op("api-review-links", "GET", "review/links", async call =>
            ApiJson.Result(await call.Awards.DescribeDecisionLinkAsync(await call.ActorAsync(), call.Query("t") ?? string.Empty, call.Aborted))),
        Op("api-review-decisions", "POST", "review/decisions", async call =>
        {
            var request = await call.BodyAsync<DecisionRequest>();
            return ApiJson.Result(await call.Awards.DecideByLinkAsync(await call.ActorAsync(), request, call.Aborted), StatusCodes.Status202Accepted);
        }),
    ];

    private static IEnumerable<ApiOperation> Admin =>
    [
        Op("api-mail-failures", "GET", "admin/mail-failures", async call => ApiJson.Result(await call.Awards.ListMailFailuresAsync(await call.ActorAsync(), call.Aborted))),
        Op("api-workflow-failures", "GET", "admin/workflow/failures", WorkflowFailuresEndpoint.HandleAsync),
    ];

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

    /// <summary>Body of POST /api/signin.</summary>
    public sealed record SignInRequest(string? Token);
}
