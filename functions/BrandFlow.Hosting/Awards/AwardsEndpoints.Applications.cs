using BrandFlow.Hosting.Access;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;

namespace BrandFlow.Hosting.Awards;

/// <summary>Evidence, estimates, applications and review decisions.</summary>
public static partial class AwardsEndpoints
{
    private static void MapApplications(RouteGroupBuilder api)
    {
        api.MapPost("/evidence/slots", async (HttpContext http, AwardsService service) =>
        {
            var request = await ApiJson.ReadAsync<UploadSlotRequest>(http.Request);
            return ApiJson.Result(await service.RequestUploadSlotAsync(await Session.ActorAsync(http), request, http.RequestAborted), StatusCodes.Status201Created);
        });
        api.MapPost("/evidence/{fileId}/inspection", async (HttpContext http, AwardsService service, string fileId) =>
            ApiJson.Result(await service.InspectEvidenceAsync(await Session.ActorAsync(http), fileId, http.RequestAborted)));
        api.MapPost("/estimates", async (HttpContext http, AwardsService service) =>
        {
            var request = await ApiJson.ReadAsync<ClaimsRequest>(http.Request);
            return ApiJson.Result(await service.PreviewEstimateAsync(await Session.ActorAsync(http), request, http.RequestAborted));
        });
        api.MapPost("/applications", async (HttpContext http, AwardsService service) =>
        {
            var request = await ApiJson.ReadAsync<ClaimsRequest>(http.Request);
            var receipt = await service.SubmitApplicationAsync(await Session.ActorAsync(http), request, http.RequestAborted);
            http.Response.Headers.Location = "/api/applications/" + receipt.ApplicationId;
            return ApiJson.Result(receipt, StatusCodes.Status202Accepted);
        });
        api.MapGet("/applications", async (HttpContext http, AwardsService service, string? cycleId, string? status) =>
            ApiJson.Result(await service.ListApplicationsAsync(await Session.ActorAsync(http), cycleId, ParseEnum<ApplicationStatus>(status, "status"), http.RequestAborted)));
        api.MapGet("/applications/{id}", async (HttpContext http, AwardsService service, string id) =>
            ApiJson.Result(await service.GetApplicationAsync(await Session.ActorAsync(http), id, http.RequestAborted)));
        api.MapPost("/applications/{id}/correction", async (HttpContext http, AwardsService service, string id) =>
        {
            var request = await ApiJson.ReadAsync<CorrectionRequest>(http.Request);
            await service.SubmitCorrectionAsync(await Session.ActorAsync(http), id, request.Claims, http.RequestAborted);
            return Results.Accepted();
        });
        api.MapPost("/applications/{id}/information", async (HttpContext http, AwardsService service, string id) =>
        {
            var request = await ApiJson.ReadAsync<InformationRequest>(http.Request);
            await service.ProvideInformationAsync(await Session.ActorAsync(http), id, request, http.RequestAborted);
            return Results.Accepted();
        });
        api.MapPost("/applications/{id}/withdrawal", async (HttpContext http, AwardsService service, string id) =>
        {
            var request = await ApiJson.ReadAsync<ReasonRequest>(http.Request);
            await service.WithdrawAsync(await Session.ActorAsync(http), id, request.Reason, http.RequestAborted);
            return Results.Accepted();
        });
        api.MapPost("/applications/{id}/clerk-check", async (HttpContext http, AwardsService service, string id) =>
        {
            var request = await ApiJson.ReadAsync<ClerkCheckRequest>(http.Request);
            await service.ClerkCheckAsync(await Session.ActorAsync(http), id, request, http.RequestAborted);
            return Results.Accepted();
        });
        api.MapPost("/applications/{id}/reassignment", async (HttpContext http, AwardsService service, string id) =>
        {
            var request = await ApiJson.ReadAsync<ReassignRequest>(http.Request);
            await service.ReassignAsync(await Session.ActorAsync(http), id, request, http.RequestAborted);
            return Results.Accepted();
        });
        api.MapPost("/applications/{id}/objections", async (HttpContext http, AwardsService service, string id) =>
        {
            var request = await ApiJson.ReadAsync<ObjectionRequest>(http.Request);
            await service.FileObjectionAsync(await Session.ActorAsync(http), id, request, http.RequestAborted);
            return Results.Accepted();
        });
        api.MapGet("/applications/{id}/evidence/{fileId}", async (HttpContext http, AwardsService service, string id, string fileId) =>
            ApiJson.Result(new { url = await service.GetEvidenceUrlAsync(await Session.ActorAsync(http), id, fileId, http.RequestAborted) }));
    }

    private static void MapReview(RouteGroupBuilder api)
    {
        api.MapGet("/review/links", async (HttpContext http, AwardsService service, string? t) =>
            ApiJson.Result(await service.DescribeDecisionLinkAsync(await Session.ActorAsync(http), t ?? string.Empty, http.RequestAborted)));
        api.MapPost("/review/decisions", async (HttpContext http, AwardsService service) =>
        {
            var request = await ApiJson.ReadAsync<DecisionRequest>(http.Request);
            return ApiJson.Result(await service.DecideByLinkAsync(await Session.ActorAsync(http), request, http.RequestAborted), StatusCodes.Status202Accepted);
        });
    }

    /// <summary>Body of a correction.</summary>
    public sealed record CorrectionRequest(IReadOnlyList<ClaimInput> Claims);
}
