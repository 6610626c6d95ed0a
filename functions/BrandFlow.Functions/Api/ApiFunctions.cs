using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BrandFlow.Functions.Api;

/// <summary>
/// The JSON API as HTTP functions: one per entry of <c>ApiOperations.All</c>, with its name, method and route (under the
/// host's "api" prefix), each handing the request to the same handler the local host maps. Anonymous at the Functions
/// level: the handlers check the session cookie, roles and ownership themselves.
/// </summary>
public sealed class ApiFunctions(FunctionsApi api)
{
    /// <summary>POST /api/policy/evaluate.</summary>
    [Function("api-policy-evaluate")]
    public Task<IActionResult> PolicyEvaluateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "policy/evaluate")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.RunAsync("api-policy-evaluate", request, client);

    /// <summary>GET /api/policy/documents.</summary>
    [Function("api-policy-documents")]
    public Task<IActionResult> PolicyDocumentsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "policy/documents")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.RunAsync("api-policy-documents", request, client);

    /// <summary>GET /api/policy/documents/{id}.</summary>
    [Function("api-policy-document")]
    public Task<IActionResult> PolicyDocumentAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "policy/documents/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        api.RunAsync("api-policy-document", request, client, ("id", id));

    /// <summary>GET /api/policy/clauses/{id}/versions.</summary>
    [Function("api-policy-clause-versions")]
    public Task<IActionResult> PolicyClauseVersionsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "policy/clauses/{id}/versions")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        api.RunAsync("api-policy-clause-versions", request, client, ("id", id));

    /// <summary>POST /api/signin/request-link.</summary>
    [Function("api-signin-request-link")]
    public Task<IActionResult> SigninRequestLinkAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "signin/request-link")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.RunAsync("api-signin-request-link", request, client);

    /// <summary>GET /api/signin/link.</summary>
    [Function("api-signin-link")]
    public Task<IActionResult> SigninLinkAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "signin/link")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.RunAsync("api-signin-link", request, client);

    /// <summary>POST /api/signin.</summary>
    [Function("api-signin")]
    public Task<IActionResult> SigninAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "signin")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.RunAsync("api-signin", request, client);

    /// <summary>POST /api/signout.</summary>
    [Function("api-signout")]
    public Task<IActionResult> SignoutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "signout")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.RunAsync("api-signout", request, client);

    /// <summary>GET /api/me.</summary>
    [Function("api-me")]
    public Task<IActionResult> MeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.RunAsync("api-me", request, client);

    /// <summary>PUT /api/firms/{creditCode}.</summary>
    [Function("api-firm-put")]
    public Task<IActionResult> FirmPutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "firms/{creditCode}")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string creditCode) =>
        api.RunAsync("api-firm-put", request, client, ("creditCode", creditCode));

    /// <summary>GET /api/firms/{creditCode}.</summary>
    [Function("api-firm-get")]
    public Task<IActionResult> FirmGetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "firms/{creditCode}")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string creditCode) =>
        api.RunAsync("api-firm-get", request, client, ("creditCode", creditCode));

    /// <summary>PUT /api/accounts/{email}.</summary>
    [Function("api-account-put")]
    public Task<IActionResult> AccountPutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "accounts/{email}")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string email) =>
        api.RunAsync("api-account-put", request, client, ("email", email));

    /// <summary>GET /api/accounts/{email}.</summary>
    [Function("api-account-get")]
    public Task<IActionResult> AccountGetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts/{email}")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string email) =>
        api.RunAsync("api-account-get", request, client, ("email", email));

    /// <summary>GET /api/staff.</summary>
    [Function("api-staff")]
    public Task<IActionResult> StaffAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.RunAsync("api-staff", request, client);

    /// <summary>GET /api/audit/{subjectId}.</summary>
    [Function("api-audit")]
    public Task<IActionResult> AuditAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "audit/{subjectId}")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string subjectId) =>
        api.RunAsync("api-audit", request, client, ("subjectId", subjectId));

    /// <summary>GET /api/calendar.</summary>
    [Function("api-calendar-get")]
    public Task<IActionResult> CalendarGetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "calendar")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.RunAsync("api-calendar-get", request, client);

    /// <summary>PUT /api/calendar.</summary>
    [Function("api-calendar-put")]
    public Task<IActionResult> CalendarPutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "calendar")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.RunAsync("api-calendar-put", request, client);

    /// <summary>POST /api/cycles.</summary>
    [Function("api-cycle-open")]
    public Task<IActionResult> CycleOpenAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cycles")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.RunAsync("api-cycle-open", request, client);

    /// <summary>GET /api/cycles.</summary>
    [Function("api-cycles")]
    public Task<IActionResult> CyclesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cycles")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.RunAsync("api-cycles", request, client);

    /// <summary>GET /api/cycles/{id}.</summary>
    [Function("api-cycle-get")]
    public Task<IActionResult> CycleGetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cycles/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        api.RunAsync("api-cycle-get", request, client, ("id", id));

    /// <summary>POST /api/cycles/{id}/close-window.</summary>
    [Function("api-cycle-close-window")]
    public Task<IActionResult> CycleCloseWindowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cycles/{id}/close-window")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        api.RunAsync("api-cycle-close-window", request, client, ("id", id));

    /// <summary>POST /api/cycles/{id}/close.</summary>
    [Function("api-cycle-close")]
    public Task<IActionResult> CycleCloseAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cycles/{id}/close")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        api.RunAsync("api-cycle-close", request, client, ("id", id));

    /// <summary>GET /api/cycles/{id}/applications.</summary>
    [Function("api-cycle-applications")]
    public Task<IActionResult> CycleApplicationsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cycles/{id}/applications")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        api.RunAsync("api-cycle-applications", request, client, ("id", id));

    /// <summary>GET /api/cycles/{id}/notice.</summary>
    [Function("api-cycle-notice")]
    public Task<IActionResult> CycleNoticeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cycles/{id}/notice")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        api.RunAsync("api-cycle-notice", request, client, ("id", id));

    /// <summary>GET /api/cycles/{id}/fiscal/simulation.</summary>
    [Function("api-cycle-fiscal-simulation")]
    public Task<IActionResult> CycleFiscalSimulationAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cycles/{id}/fiscal/simulation")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        api.RunAsync("api-cycle-fiscal-simulation", request, client, ("id", id));

    /// <summary>POST /api/cycles/{id}/fiscal/approval.</summary>
    [Function("api-cycle-fiscal-approval")]
    public Task<IActionResult> CycleFiscalApprovalAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cycles/{id}/fiscal/approval")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        api.RunAsync("api-cycle-fiscal-approval", request, client, ("id", id));

    /// <summary>GET /api/cycles/{id}/payments/file.</summary>
    [Function("api-cycle-payment-file")]
    public Task<IActionResult> CyclePaymentFileAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cycles/{id}/payments/file")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        api.RunAsync("api-cycle-payment-file", request, client, ("id", id));

    /// <summary>POST /api/cycles/{id}/payments/confirmations.</summary>
    [Function("api-cycle-payment-confirmations")]
    public Task<IActionResult> CyclePaymentConfirmationsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cycles/{id}/payments/confirmations")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        api.RunAsync("api-cycle-payment-confirmations", request, client, ("id", id));

    /// <summary>POST /api/evidence/slots.</summary>
    [Function("api-evidence-slots")]
    public Task<IActionResult> EvidenceSlotsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "evidence/slots")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.RunAsync("api-evidence-slots", request, client);

    /// <summary>POST /api/evidence/{fileId}/inspection.</summary>
    [Function("api-evidence-inspection")]
    public Task<IActionResult> EvidenceInspectionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "evidence/{fileId}/inspection")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string fileId) =>
        api.RunAsync("api-evidence-inspection", request, client, ("fileId", fileId));

    /// <summary>POST /api/estimates.</summary>
    [Function("api-estimates")]
    public Task<IActionResult> EstimatesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "estimates")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.RunAsync("api-estimates", request, client);

    /// <summary>POST /api/applications.</summary>
    [Function("api-application-submit")]
    public Task<IActionResult> ApplicationSubmitAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "applications")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.RunAsync("api-application-submit", request, client);

    /// <summary>GET /api/applications.</summary>
    [Function("api-applications")]
    public Task<IActionResult> ApplicationsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "applications")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.RunAsync("api-applications", request, client);

    /// <summary>GET /api/applications/{id}.</summary>
    [Function("api-application-get")]
    public Task<IActionResult> ApplicationGetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "applications/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        api.RunAsync("api-application-get", request, client, ("id", id));

    /// <summary>POST /api/applications/{id}/correction.</summary>
    [Function("api-application-correction")]
    public Task<IActionResult> ApplicationCorrectionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "applications/{id}/correction")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        api.RunAsync("api-application-correction", request, client, ("id", id));

    /// <summary>POST /api/applications/{id}/information.</summary>
    [Function("api-application-information")]
    public Task<IActionResult> ApplicationInformationAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "applications/{id}/information")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        api.RunAsync("api-application-information", request, client, ("id", id));

    /// <summary>POST /api/applications/{id}/withdrawal.</summary>
    [Function("api-application-withdrawal")]
    public Task<IActionResult> ApplicationWithdrawalAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "applications/{id}/withdrawal")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        api.RunAsync("api-application-withdrawal", request, client, ("id", id));

    /// <summary>POST /api/applications/{id}/clerk-check.</summary>
    [Function("api-application-clerk-check")]
    public Task<IActionResult> ApplicationClerkCheckAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "applications/{id}/clerk-check")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        api.RunAsync("api-application-clerk-check", request, client, ("id", id));

    /// <summary>POST /api/applications/{id}/reassignment.</summary>
    [Function("api-application-reassignment")]
    public Task<IActionResult> ApplicationReassignmentAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "applications/{id}/reassignment")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        api.RunAsync("api-application-reassignment", request, client, ("id", id));

    /// <summary>POST /api/applications/{id}/objections.</summary>
    [Function("api-application-objections")]
    public Task<IActionResult> ApplicationObjectionsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "applications/{id}/objections")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        api.RunAsync("api-application-objections", request, client, ("id", id));

    /// <summary>GET /api/applications/{id}/evidence/{fileId}.</summary>
    [Function("api-application-evidence")]
    public Task<IActionResult> ApplicationEvidenceAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "applications/{id}/evidence/{fileId}")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id, string fileId) =>
        api.RunAsync("api-application-evidence", request, client, ("id", id), ("fileId", fileId));

    /// <summary>GET /api/review/links.</summary>
    [Function("api-review-links")]
    public Task<IActionResult> ReviewLinksAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "review/links")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.RunAsync("api-review-links", request, client);

    /// <summary>POST /api/review/decisions.</summary>
    [Function("api-review-decisions")]
    public Task<IActionResult> ReviewDecisionsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "review/decisions")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.RunAsync("api-review-decisions", request, client);

    /// <summary>GET /api/admin/mail-failures.</summary>
    [Function("api-mail-failures")]
    public Task<IActionResult> MailFailuresAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/mail-failures")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.RunAsync("api-mail-failures", request, client);

    /// <summary>GET /api/admin/workflow/failures.</summary>
    [Function("api-workflow-failures")]
    public Task<IActionResult> WorkflowFailuresAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/workflow/failures")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        api.RunAsync("api-workflow-failures", request, client);
}
